import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ElectionDetail, MemberRow, TalkRecord } from '../../electron/api/index.ts';
import { unzipDocx } from '../render/docx-helpers.ts';
import { callApi, findChromium, type LedgerServer, snap, useBrowserSession } from './harness.ts';

const CHROMIUM = findChromium();
const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const YEAR = now.getFullYear();
const yesterday = new Date(now.getTime() - 86_400_000);
const YESTERDAY = `${yesterday.getFullYear()}-${pad(yesterday.getMonth() + 1)}-${pad(yesterday.getDate())}`;

describe.skipIf(!CHROMIUM)('a clerk exports single records as Word documents', () => {
  const session = useBrowserSession('documents-', { demo: { branches: 1, members: 30, years: 1 } });
  let server: LedgerServer;
  let page: Page;
  let branchId = 0;
  let candidates: string[] = [];

  beforeAll(async () => {
    ({ server, page } = session);
    const units = await callApi<Array<{ id: number; kind: string }>>(server, 'org.list', {});
    branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;

    // An election counted yesterday: three seats, four candidates without a post.
    const members = await callApi<MemberRow[]>(server, 'member.list', { branchId });
    const full = members.filter((m) => m.membership === '正式党员' && m.posts.length === 0);
    const chosen = full.slice(0, 4);
    candidates = chosen.map((m) => m.name);
    const election = await callApi<ElectionDetail>(server, 'election.create', { branchId, seats: 3 });
    for (let stepNo = 1; stepNo <= 7; stepNo += 1)
      await callApi(server, 'election.recordStep', { electionId: election.id, stepNo, doneOn: YESTERDAY });
    await callApi(server, 'election.setCandidates', { electionId: election.id, memberIds: chosen.map((m) => m.id) });
    await callApi(server, 'election.setScrutineers', { electionId: election.id, memberIds: [full[5]?.id ?? 0] });
    const due = members.filter((m) => m.membership === '正式党员').length;
    await callApi(server, 'election.tally', {
      electionId: election.id,
      heldOn: YESTERDAY,
      present: due,
      ballotsIssued: due,
      ballotsReturned: due,
      votes: chosen.map((m, i) => ({ memberId: m.id, name: m.name, yes: [due - 1, due - 2, due - 3, 2][i] ?? 0 })),
    });
  });

  const open = async (route: string) => {
    await page.goto(server.url.replace('#/', `#${route}`));
  };

  /** Clicks the button, takes the browser's download, reads the .docx back. */
  async function download(button: Locator): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const parts = await unzipDocx(readFileSync(await file.path()));
    const xml = parts.xml.get('word/document.xml') ?? '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    await page.getByText(/^已导出“.*\.docx”（\d+ 页）$/).waitFor();
    return { name: file.suggestedFilename(), text };
  }

  it('exports the 发展党员全程记实表 from a person’s dossier', async () => {
    await open(`/branch/${branchId}/development`);
    const card = page.locator('[data-person]').first();
    await card.waitFor();
    const name = (await card.getAttribute('data-person')) ?? '';
    await card.click();
    await page.locator('.ant-drawer-title', { hasText: `${name} · 发展党员全程记实` }).waitFor();
    const button = page.locator('.ant-drawer').getByRole('button', { name: '导出Word' });
    await snap(page, 'documents-01-dossier-export', { fullPage: false });
    const { name: fileName, text } = await download(button);
    expect(fileName).toBe(`${name}发展党员全程记实表.docx`);
    expect(text).toContain('发展党员全程记实表');
    expect(text).toContain(name);
    expect(text).toContain('时限规定执行情况');
    await page.keyboard.press('Escape');
  });

  it('exports the election document pack from the election page, ballots in 姓氏笔画 order', async () => {
    await open(`/branch/${branchId}/elections`);
    const button = page.getByRole('button', { name: '导出选举文书' });
    await button.waitFor();
    await snap(page, 'documents-02-election-export', { fullPage: false });
    const { name, text } = await download(button);
    expect(name).toMatch(/换届选举文书\.docx$/);
    for (const title of ['关于召开党员大会进行换届选举的请示', '委员会委员选举票', '计票单', '选举结果报告单'])
      expect(text).toContain(title);
    const ballot = text.slice(text.indexOf('委员会委员选举票'), text.indexOf('计票单'));
    const order = candidates.map((c) => ballot.indexOf(c));
    expect(order.every((i) => i >= 0)).toBe(true);
    const calls = await callApi<ElectionDetail[]>(server, 'election.list', { branchId });
    const expected = (calls[0]?.candidates ?? []).map((c) => c.name);
    expect([...candidates].sort((a, b) => ballot.indexOf(a) - ballot.indexOf(b))).toEqual(expected);
  });

  it('exports the score sheet from the assessment page', async () => {
    await open(`/branch/${branchId}/assessment`);
    const button = page.getByRole('button', { name: '导出Word' });
    await button.waitFor();
    await snap(page, 'documents-03-assessment-export', { fullPage: false });
    const { name, text } = await download(button);
    expect(name).toMatch(new RegExp(`${YEAR}年度考核评分表\\.docx$`));
    expect(text).toContain(`${YEAR}年度考核评分表`);
    expect(text).toContain('评分依据（台账记录）');
    expect(text).toContain('拟定等次');
  });

  it('exports one 谈心谈话 record from its row', async () => {
    await open(`/branch/${branchId}/talks`);
    const talks = await callApi<TalkRecord[]>(server, 'talk.list', { branchId, year: YEAR });
    const latest = [...talks].sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.id - a.id)[0];
    expect(latest).toBeDefined();
    const row = page.locator('.ant-table-row').first();
    await row.waitFor();
    await snap(page, 'documents-04-talks-export', { fullPage: false });
    const { name, text } = await download(row.getByRole('button', { name: '导出Word' }));
    expect(name).toBe(
      `${(await callApi<Array<{ id: number; name: string }>>(server, 'org.list', {})).find((u) => u.id === branchId)?.name}${latest?.heldOn}谈心谈话记录（${latest?.talkeeName}）.docx`,
    );
    expect(text).toContain('谈心谈话记录');
    expect(text).toContain(latest?.talkerName ?? '—');
    expect(text).toContain(latest?.content ?? '—');
  });

  it('ran without script errors', () => {
    expect(session.problems).toEqual([]);
  });
});
