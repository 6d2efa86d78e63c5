/**
 * 文档设置 through the real renderer, bridge and core: a clerk sets 正文 to 仿宋_GB2312 and is warned
 * that 王堃's 堃 is not in it, saves; uploads a committee's 支委会 template with an unknown placeholder
 * and sees it refused by name; uploads a good one, sees it listed, reads the placeholder catalog; the
 * record exported through the bridge is filled from the template; deleting it (confirmed) brings back
 * the built-in layout; 恢复默认 clears the fonts.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentFontsInfo, ExportedDocument, RecordKindTemplates } from '../../electron/api/index.ts';
import { committeeTemplate } from '../fixtures/templates/record-templates.ts';
import {
  callApi,
  findChromium,
  type LedgerServer,
  launchBrowser,
  openPage,
  snap,
  snapFailure,
  startLedgerServer,
} from './harness.ts';

const CHROMIUM = findChromium();
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Unit {
  id: number;
  kind: string;
}

describe.skipIf(!CHROMIUM)('a clerk sets the document fonts and the committee’s record template', () => {
  let server: LedgerServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let branchId = 0;
  let meetingId = 0;
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    server = await startLedgerServer();
    const units = await callApi<Unit[]>(server, 'org.setup', {
      committee: { name: '中共测试公司委员会' },
      branches: [{ name: '第一党支部', groups: [] }],
    });
    branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;
    const ids: number[] = [];
    for (const [i, name] of ['张伟', '王堃', '李娜'].entries()) {
      const member = await callApi<{ id: number }>(server, 'member.create', {
        name,
        gender: i === 2 ? '女' : '男',
        birthDate: '1985-06-15',
        joinDate: '2010-07-01',
        fullDate: '2011-07-01',
        branchId,
      });
      ids.push(member.id);
    }
    for (const [i, post] of ['书记', '组织委员', '宣传委员'].entries()) {
      await callApi(server, 'member.assignPost', { memberId: ids[i], post, unitId: branchId, fromDate: '2020-01-01' });
    }
    const meeting = await callApi<{ id: number }>(server, 'life.save', {
      branchId,
      kind: '支委会',
      title: '研究发展党员工作',
      heldOn: '2026-03-12',
      startTime: '09:00',
      endTime: '11:00',
      place: '党员活动室',
      host: '张伟',
      recorder: '王堃',
      content: '讨论积极分子人选。',
      extra: { category: ['发展党员'] },
      attendance: ids.map((memberId, i) => ({ memberId, name: ['张伟', '王堃', '李娜'][i], status: '出席' })),
    });
    meetingId = meeting.id;
    browser = await launchBrowser(CHROMIUM as string);
    ({ context, page } = await openPage(browser, consoleProblems));
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page) await snapFailure(page, 'document-settings-', test.task.name);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node
  const textOf = (locator: Locator) => locator.innerText();
  const templatesRow = () =>
    page.locator('.ant-card', { hasText: '记录模板' }).locator('tr', { hasText: '支部委员会会议记录' });
  const upload = async (name: string, buffer: Buffer) => {
    await templatesRow().locator('input[type=file]').setInputFiles({ name, mimeType: DOCX_MIME, buffer });
  };

  it('warns about 王堃 when 仿宋_GB2312 is chosen for 正文, and saves the setting', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branchId}/documents`));
    await page.getByRole('menuitem', { name: '文档设置' }).waitFor();
    const body = page.locator('input[aria-label="正文字体"]');
    await body.waitFor();
    expect(await textOf(page.locator('.ant-card', { hasText: '文档字体' }))).toContain('默认：仿宋');
    expect(await page.getByText('只含 GB2312 字符').count()).toBe(0);

    await body.fill('仿宋_GB2312');
    const warning = page.locator('.ant-alert-warning');
    await warning.waitFor();
    expect(await textOf(warning)).toContain('王堃（缺“堃”）');
    expect(await textOf(warning)).not.toContain('张伟');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '保存字体设置' }).click();
    await page.getByText('文档字体已保存').waitFor();
    const fonts = await callApi<DocumentFontsInfo>(server, 'documents.getFonts', {});
    expect(fonts.stored).toEqual({ body: '仿宋_GB2312' });
    await snap(page, 'document-settings-01-fonts');
  });

  it('refuses a template with an unknown placeholder, naming the file and the placeholder', async () => {
    await upload('支委会.docx', Buffer.from(await committeeTemplate({ unknown: '会议地址' })));
    const refusal = page.locator('.ant-alert-error', { hasText: '模板《支委会.docx》' });
    await refusal.waitFor();
    expect(await textOf(refusal)).toContain('{{会议地址}} 不存在');
    expect(await textOf(refusal)).toContain('支委会记录没有这个占位符');
    const listed = await callApi<RecordKindTemplates[]>(server, 'documents.listTemplates', {});
    expect(listed.every((k) => k.template === null)).toBe(true);
    expect(await textOf(templatesRow())).toContain('内置版式');
    await snap(page, 'document-settings-02-refused');
  });

  it('imports a good template, shows it and its placeholders, and the record export is filled from it', async () => {
    await upload('支委会记录模板.docx', Buffer.from(await committeeTemplate()));
    await page.getByText('已导入支委会记录模板《支委会记录模板.docx》').waitFor();
    expect(await textOf(templatesRow())).toContain('支委会记录模板.docx');
    // The refusal of the previous file is gone once a file is accepted.
    expect(await page.locator('.ant-alert-error', { hasText: '模板《支委会.docx》' }).count()).toBe(0);

    const doc = await callApi<ExportedDocument>(server, 'export.meetingDocx', { meetingId });
    const xml = strFromU8(unzipSync(Buffer.from(doc.dataBase64, 'base64'))['word/document.xml'] as Uint8Array);
    expect(xml).toContain('2026年3月12日');
    expect(xml).toContain('张伟、王堃、李娜');
    expect(xml).not.toContain('{{');

    await templatesRow().getByRole('button', { name: '查看占位符' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '支委会记录可用的占位符' });
    await dialog.waitFor();
    expect(await textOf(dialog)).toContain('{{会议时间}}');
    expect(await textOf(dialog)).toContain('{{会议类别}}');
    expect(await textOf(dialog)).not.toContain('{{授课人}}');
    await snap(page, 'document-settings-03-placeholders', { fullPage: false });
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await snap(page, 'document-settings-04-imported');
  });

  it('deletes the template after confirmation, back to the built-in layout; 恢复默认 clears the fonts', async () => {
    await templatesRow().getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await page.getByText('恢复使用内置版式', { exact: false }).first().waitFor();
    expect(await textOf(templatesRow())).toContain('内置版式');
    const listed = await callApi<RecordKindTemplates[]>(server, 'documents.listTemplates', {});
    expect(listed.every((k) => k.template === null)).toBe(true);

    await page.getByRole('button', { name: '恢复默认' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '恢复默认' }).click();
    await page.getByText('文档字体已恢复默认').waitFor();
    expect((await callApi<DocumentFontsInfo>(server, 'documents.getFonts', {})).stored).toEqual({});
    expect(await page.locator('.ant-alert-warning').count()).toBe(0);
    expect(consoleProblems).toEqual([]);
  });
});
