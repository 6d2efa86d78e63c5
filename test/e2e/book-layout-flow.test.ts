/**
 * 文档设置 → 台账版式 through the real renderer, bridge and core: the clerk sees the built-in
 * layout's sections, uploads a file whose column widths do not add up and sees it refused naming
 * the JSON path, uploads a good one (年度/月度计划 swapped, 花名册 renamed), checks its sections in the
 * confirmation and enables it; 恢复默认 (confirmed) brings back the built-in layout.
 */
import { describe, expect, it } from 'vitest';
import type { BookLayoutInfo } from '../../electron/api/index.ts';
import { callApi, findChromium, snap, textOf, useBrowserSession } from './harness.ts';

interface Unit {
  id: number;
  kind: string;
}

type LayoutJson = {
  parts: Array<{ sections: Array<{ title: string; columns: Array<{ width: number }> }> }>;
};

describe.skipIf(!findChromium())('a clerk adapts the ledger book’s layout', () => {
  const session = useBrowserSession('book-layout-');

  it('refuses a bad layout by its JSON path, enables a good one after showing its sections, and restores the default', async () => {
    const { server, page, problems } = session;
    const units = await callApi<Unit[]>(server, 'org.setup', {
      committee: { name: '中共测试公司委员会' },
      branches: [{ name: '第一党支部', groups: [] }],
    });
    const branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;
    const current = await callApi<BookLayoutInfo>(server, 'documents.getBookLayout', {});

    await page.goto(server.url.replace('#/', `#/branch/${branchId}/documents`));
    const card = page.getByTestId('book-layout-card');
    await card.getByText('内置版式', { exact: true }).waitFor();
    expect(await card.getByTestId('book-layout-section').count()).toBe(12);
    expect(await textOf(card)).toContain('（一）党员花名册');

    const upload = (name: string, layout: LayoutJson) =>
      card.locator('input[type=file]').setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(layout, null, 2)),
      });

    const bad = JSON.parse(current.json) as LayoutJson;
    const column = bad.parts[0]?.sections[1]?.columns[0];
    if (column) column.width -= 200;
    await upload('本单位版式.json', bad);
    const refusal = card.getByTestId('book-layout-refusal');
    await refusal.waitFor();
    expect(await textOf(refusal)).toContain('parts.0.sections.1.columns');
    expect(await textOf(refusal)).toContain('8844');
    await snap(page, 'book-layout-01-refused');

    const good = JSON.parse(current.json) as LayoutJson;
    const routine = good.parts[1];
    const roster = good.parts[0]?.sections[0];
    if (!routine || !roster) throw new Error('default layout changed shape');
    routine.sections = [routine.sections[1], routine.sections[0], ...routine.sections.slice(2)].filter(
      (s): s is NonNullable<typeof s> => Boolean(s),
    );
    roster.title = '本支部党员名册';
    await upload('本单位版式.json', good);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('检查通过').waitFor();
    expect(await textOf(dialog)).toContain('（一）月度工作计划');
    await snap(page, 'book-layout-02-confirm');
    await dialog.getByRole('button', { name: '启用此版式' }).click();
    await card.getByText('本单位版式', { exact: true }).waitFor();
    expect(await textOf(card)).toContain('（一）本支部党员名册');
    expect(await card.getByTestId('book-layout-refusal').count()).toBe(0);
    await snap(page, 'book-layout-03-enabled');
    const stored = await callApi<BookLayoutInfo>(server, 'documents.getBookLayout', {});
    expect(stored).toMatchObject({ origin: 'imported', fileName: '本单位版式.json' });

    await card.getByRole('button', { name: '恢复默认' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '恢复默认' }).click();
    await card.getByText('内置版式', { exact: true }).waitFor();
    expect(await textOf(card)).toContain('（一）党员花名册');
    expect((await callApi<BookLayoutInfo>(server, 'documents.getBookLayout', {})).origin).toBe('default');
    expect(problems).toEqual([]);
  });
});
