import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipDocx } from '../render/docx-helpers.ts';
import { callApi, findChromium, type LedgerServer, snap, useBrowserSession } from './harness.ts';

const CHROMIUM = findChromium();
const YEAR = new Date().getFullYear();

interface Unit {
  id: number;
  kind: string;
  name: string;
}

/** A phone-sized photo: decoding and shrinking it keeps the export busy long enough to watch and cancel. */
function phonePhoto(width: number, height: number): Buffer {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    const noise = ((i * 2654435761) >>> 24) & 63;
    data[i * 4] = ((i % width) * 191) / width + noise;
    data[i * 4 + 1] = (Math.floor(i / width) * 191) / height + noise;
    data[i * 4 + 2] = 90 + noise;
    data[i * 4 + 3] = 255;
  }
  return jpeg.encode({ data, width, height }, 90).data;
}

describe.skipIf(!CHROMIUM)('a clerk exports the year’s ledger and watches it being made', () => {
  const session = useBrowserSession('export-progress-', { demo: { branches: 1, members: 40, years: 1 } });
  let server: LedgerServer;
  let page: Page;
  let branch: Unit;

  beforeAll(async () => {
    ({ server, page } = session);
    branch = (await callApi<Unit[]>(server, 'org.list', {})).find((u) => u.kind === '党支部') as Unit;
    const meetings = await callApi<Array<{ id: number }>>(server, 'life.list', { branchId: branch.id, year: YEAR });
    const photo = phonePhoto(3200, 2400).toString('base64');
    for (const [i, meeting] of meetings.slice(0, 2).entries()) {
      await callApi(server, 'life.attach', {
        meetingId: meeting.id,
        fileName: `活动照片${i + 1}.jpg`,
        dataBase64: photo,
        caption: '活动现场',
      });
    }
    // Without their print copies the photos are shrunk by the export itself: it stays busy long
    // enough for the progress dialog and 取消 to be seen.
    const store = path.join(server.dataDir, 'attachments');
    for (const name of readdirSync(store)) if (name.endsWith('.print')) rmSync(path.join(store, name));
  }, 240_000);

  const dialog = () => page.locator('.ant-modal', { hasText: '工作台账（Word）' });

  it('shows the progress dialog with the phase, then the book arrives as a download', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branch.id}/life`));
    await page.getByRole('button', { name: '导出年度台账' }).click();
    await dialog().waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node
    expect(await dialog().locator('.ant-modal-title').innerText()).toBe(`导出${YEAR}年度工作台账（Word）`);
    expect(await dialog().locator('.ant-progress').count()).toBe(1);
    // The worker's phases reach the dialog over the bridge's event stream.
    await dialog()
      .locator('.export-progress', { hasText: /压缩照片|排版|读取台账数据/ })
      .waitFor({ timeout: 60_000 });
    await snap(page, 'export-progress-running', { fullPage: false });

    const download = await page.waitForEvent('download', { timeout: 120_000 });
    expect(download.suggestedFilename()).toBe(`${branch.name}${YEAR}年度工作台账.docx`);
    const parts = await unzipDocx(readFileSync(await download.path()));
    expect(parts.xml.get('word/document.xml')).toContain(`${YEAR}年度`);
    // Both photos went in, shrunk to their print size.
    const photos = [...parts.media.values()];
    expect(photos.length).toBeGreaterThanOrEqual(1);
    for (const bytes of photos) expect(bytes.length).toBeLessThan(400_000);
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.ant-message-notice', { hasText: '已导出' }).waitFor();
    await snap(page, 'export-progress-done', { fullPage: false });
  });

  it('cancels from the dialog: no download, and the clerk is told nothing was made', async () => {
    let downloaded = false;
    page.on('download', () => {
      downloaded = true;
    });
    await page.getByRole('button', { name: '导出年度台账' }).click();
    await dialog().waitFor();
    await dialog().getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-message-notice', { hasText: '已取消导出，没有生成文件。' }).waitFor({ timeout: 30_000 });
    await dialog().waitFor({ state: 'detached' });
    await snap(page, 'export-progress-cancelled', { fullPage: false });
    await page.waitForTimeout(1500);
    expect(downloaded).toBe(false);
    // The ledger still answers at once.
    expect((await callApi<Unit[]>(server, 'org.list', {})).length).toBeGreaterThan(0);
  });

  it('exports the books of every branch as one zip from the button’s menu', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branch.id}/life`));
    await page.getByRole('button', { name: '更多导出方式' }).click();
    await page.getByRole('menuitem', { name: `导出全部党支部${YEAR}年度台账（压缩包）` }).click();
    await page.locator('.ant-modal', { hasText: '压缩包' }).waitFor();
    const download = await page.waitForEvent('download', { timeout: 120_000 });
    expect(download.suggestedFilename()).toBe(`${YEAR}年度各党支部工作台账.zip`);
    const zip = readFileSync(await download.path());
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(zip.includes(Buffer.from(`${branch.name}${YEAR}年度工作台账.docx`))).toBe(true);
    await page.locator('.ant-message-notice', { hasText: '1 个党支部的台账' }).waitFor();
  });

  it('in the desktop window, offers 打开文件 and 打开所在文件夹 for the saved copy', async () => {
    // Stand-in for the Electron preload: the same contract over the bridge, so the renderer takes its desktop path.
    const desktop = await session.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    // A string, so the Node program's types need no DOM; the token is JSON-quoted into it.
    await desktop.addInitScript({
      content: `(() => {
        const token = ${JSON.stringify(server.token)};
        const post = (method, input) =>
          fetch('/api/' + method, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
            body: JSON.stringify(input ?? {}),
          }).then((r) => r.json());
        const onProgress = (listener) => {
          const source = new EventSource('/api/events?token=' + token);
          source.onmessage = (m) => listener(JSON.parse(String(m.data)));
          return () => source.close();
        };
        window.ledger = new Proxy({}, { get: (_t, name) => (name === 'onProgress' ? onProgress : (input) => post(String(name), input)) });
      })();`,
    });
    const desktopPage = await desktop.newPage();
    try {
      await desktopPage.goto(`${server.origin}/#/branch/${branch.id}/life`);
      await desktopPage.getByRole('button', { name: '导出年度台账' }).click();
      const done = desktopPage.locator('.ant-modal', { hasText: '已保存到' });
      await done.waitFor({ timeout: 120_000 });
      // biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node
      expect(await done.innerText()).toContain(`${branch.name}${YEAR}年度工作台账.docx`);
      await done.getByRole('button', { name: '打开文件' }).waitFor();
      await done.getByRole('button', { name: '打开所在文件夹' }).waitFor();
      await done.getByText('导出后自动打开').waitFor();
      await snap(desktopPage, 'export-progress-desktop-done', { fullPage: false });
      // This stand-in has no shell: the core says so instead of opening anything.
      await done.getByRole('button', { name: '打开文件' }).click();
      await desktopPage.locator('.ant-notification-notice', { hasText: '浏览器模式下不能直接打开文件' }).waitFor();
    } finally {
      await desktop.close();
    }
  });

  it('exports the Excel workbook from 数据与备份 with the same dialog', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branch.id}/data`));
    const button = page.getByRole('button', { name: new RegExp(`导出 ${YEAR} 年度 Excel 台账`) });
    await button.click();
    await page.locator('.ant-modal', { hasText: 'Excel 台账' }).waitFor();
    const download = await page.waitForEvent('download', { timeout: 120_000 });
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    expect(session.problems).toEqual([]);
  });
});
