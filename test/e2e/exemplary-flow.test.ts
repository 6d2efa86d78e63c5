import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Commitment, ExemplaryPost, StarBoard } from '../../electron/api/index.ts';
import { callApi, findChromium, type LedgerServer, snap, textOf, useBrowserSession } from './harness.ts';

const CHROMIUM = findChromium();
const now = new Date();
const YEAR = now.getFullYear();
const PERIOD = now.getMonth() < 6 ? `${YEAR}-H1` : `${YEAR}-H2`;

interface Unit {
  id: number;
  kind: string;
  name: string;
}

describe.skipIf(!CHROMIUM)('a clerk keeps 示范岗, 承诺践诺 and the star awards of a period', () => {
  const session = useBrowserSession('exemplary-', { demo: { branches: 2, members: 24, years: 1 } });
  let server: LedgerServer;
  let page: Page;
  let branch: Unit;

  beforeAll(async () => {
    ({ server, page } = session);
    branch = (await callApi<Unit[]>(server, 'org.list', {})).find((unit) => unit.kind === '党支部') as Unit;
  });

  const dialog = () => page.locator('.ant-modal:visible');
  const pick = async (field: string, option: string) => {
    await dialog().locator('.ant-form-item', { hasText: field }).locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };
  const board = () => callApi<StarBoard>(server, 'exemplary.stars', { branchId: branch.id, period: PERIOD });
  const members = async () =>
    (await callApi<Array<{ id: number; name: string }>>(server, 'member.list', { branchId: branch.id })).map(
      (m) => m.name,
    );

  it('sets up a 党员责任区 with its scope and holder', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branch.id}/exemplary`));
    await page.getByRole('menuitem', { name: '示范岗与承诺' }).waitFor();
    const table = page.getByTestId('posts-table');
    await table.locator('.ant-table-row').first().waitFor();
    const before = await table.locator('.ant-table-row').count();

    const holder = (await members())[5] as string;
    await page.getByRole('button', { name: '设立岗位' }).click();
    await pick('类别', '党员责任区');
    await dialog().getByLabel('岗位名称').fill('二号仓库消防责任区');
    // Saving without the scope is refused on the form before anything is sent.
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().getByText('请写明责任区范围').waitFor();
    await dialog().getByLabel('责任区范围').fill('二号仓库及装卸平台');
    await pick('岗位党员', holder);
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().waitFor({ state: 'detached' });

    const row = table.locator('.ant-table-row', { hasText: '二号仓库消防责任区' });
    await row.waitFor();
    expect(await textOf(row)).toContain('二号仓库及装卸平台');
    expect(await textOf(row)).toContain(holder);
    expect(await table.locator('.ant-table-row').count()).toBe(before + 1);
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8_000 });
    const posts = await callApi<ExemplaryPost[]>(server, 'exemplary.posts', { branchId: branch.id, year: YEAR });
    expect(posts.find((p) => p.name === '二号仓库消防责任区')).toMatchObject({
      kind: '党员责任区',
      scope: '二号仓库及装卸平台',
      holderName: holder,
      toDate: null,
    });
    await page.evaluate('window.scrollTo(0, 0)');
    await snap(page, 'exemplary-01-posts', { fullPage: false });
  });

  it('records a commitment on that post', async () => {
    await page.getByRole('tab', { name: '承诺践诺' }).click();
    const holder = (await members())[5] as string;
    await page.getByRole('button', { name: '登记承诺' }).click();
    await pick('党员', holder);
    await pick('所在岗位', '二号仓库消防责任区');
    await dialog().getByLabel('承诺内容').fill('每周巡查消防设施，全年零火情');
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().waitFor({ state: 'detached' });
    const row = page.getByTestId('commitments-table').locator('.ant-table-row', { hasText: '每周巡查消防设施' });
    await row.waitFor();
    expect(await textOf(row)).toContain('践诺中');
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8_000 });
    await page.evaluate('window.scrollTo(0, 0)');
    await snap(page, 'exemplary-04-commitments', { fullPage: false });
    const saved = await callApi<Commitment[]>(server, 'exemplary.commitments', { branchId: branch.id, year: YEAR });
    expect(saved.find((c) => c.text === '每周巡查消防设施，全年零火情')).toMatchObject({
      memberName: holder,
      postName: '二号仓库消防责任区',
      status: '践诺中',
    });
  });

  it('takes one member through 自评 → 互评 → 支部评定', async () => {
    await page.getByRole('tab', { name: '星级评定' }).click();
    const fresh = (await board()).rows.find((r) => r.stage === null && r.disqualifiers.length === 0);
    if (!fresh) throw new Error('the demo left no member without a 自评 in the current period');
    const row = page.locator(`[data-testid="stars-table"] tr[data-row-key="${fresh.memberId}"]`);
    await row.waitFor();
    // 互评 and 评定 wait for the step before them.
    expect(await row.getByRole('button', { name: '互评' }).isDisabled()).toBe(true);
    expect(await row.getByRole('button', { name: '评定' }).isDisabled()).toBe(true);

    await row.getByRole('button', { name: '自评' }).click();
    await dialog().locator('.ant-rate-star').nth(3).click();
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().waitFor({ state: 'detached' });
    await row.getByText('四星').waitFor();

    await row.getByRole('button', { name: '互评' }).click();
    await dialog()
      .getByRole('textbox', { name: /各票星级/ })
      .fill('4 5 4');
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().waitFor({ state: 'detached' });
    await row.getByText('4.3 星').waitFor();

    await row.getByRole('button', { name: '评定' }).click();
    await pick('评定星级', '四星');
    await dialog().getByRole('button', { name: '评定' }).click();
    await dialog().waitFor({ state: 'detached' });
    await row.locator('.ex-star-tag[data-stars="4"]').waitFor();

    const after = (await board()).rows.find((r) => r.memberId === fresh.memberId);
    expect(after).toMatchObject({
      stage: '支部评定',
      selfStars: 4,
      peerStars: 4.3,
      peerVotes: [4, 5, 4],
      decidedStars: 4,
    });
    const audit = await callApi<Array<{ action: string }>>(server, 'audit.recent', { limit: 5 });
    expect(audit.slice(0, 3).map((a) => a.action)).toEqual(['exemplary.支部评定', 'exemplary.互评', 'exemplary.自评']);
  });

  it('shows why a disqualified member may not get a star, with the records, and allows only 不评星', async () => {
    const blocked = (await board()).rows.find((r) => r.disqualifiers.length > 0 && r.stage !== '支部评定');
    if (!blocked) throw new Error('the demo left no disqualified member in the current period');
    const row = page.locator(`[data-testid="stars-table"] tr[data-row-key="${blocked.memberId}"]`);
    const shown = await textOf(row.getByTestId('disqualifiers'));
    for (const hit of blocked.disqualifiers) {
      expect(shown).toContain(hit.reason);
      expect(shown).toContain(`规则：${hit.rule}`);
      for (const e of hit.evidence) expect(shown).toContain(e.label);
    }
    expect(await textOf(row)).toContain('不得评星');
    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await snap(page, 'exemplary-02-stars', { fullPage: false });

    if (blocked.stage === '互评') {
      await row.getByRole('button', { name: '评定' }).click();
      expect(await textOf(dialog())).toContain('本期不得评星');
      await dialog().locator('.ant-form-item', { hasText: '评定星级' }).locator('.ant-select').click();
      const one = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '一星' });
      expect(await one.getAttribute('aria-disabled')).toBe('true');
      await page.keyboard.press('Escape');
      await snap(page, 'exemplary-03-blocked-decision', { fullPage: false });
      await dialog().getByRole('button', { name: '取消' }).click();
    }
    // The ledger refuses a star whatever the screen allows, naming the rule.
    await expect(
      callApi(server, 'exemplary.decide', {
        branchId: branch.id,
        memberId: blocked.memberId,
        period: PERIOD,
        stars: 3,
        decidedOn: `${YEAR}-${String(now.getMonth() + 1).padStart(2, '0')}-01`,
      }),
    ).rejects.toThrow(/不能评星|请先完成/);
    expect(session.problems).toEqual([]);
  });
});
