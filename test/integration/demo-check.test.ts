import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, generateDemo } from '../../electron/core/demo/generate.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, tempLedgerDir } from '../helpers/ledger.ts';

const temp = tempLedgerDir('demo-check-');
let service: LedgerService;
let demo: DemoSummary;

beforeAll(() => {
  service = openTestService(temp.dbPath, '2026-11-23T09:00:00+08:00');
  demo = generateDemo(service.ledger, { branches: 4, members: 80, years: 3, seed: 3 });
});
afterAll(() => {
  service.close();
  temp.cleanup();
});

describe('check on demo data', () => {
  it('finds exactly the deliberate gaps of the demo and nothing else, year by year', async () => {
    expect(demo.gaps.length).toBeGreaterThanOrEqual(5);
    const branches = (await service.call('org.list', {})).filter((u) => u.kind === '党支部');
    for (const year of [2024, 2025, 2026]) {
      const found: string[] = [];
      for (const branch of branches) {
        const report = await service.call('compliance.year', { branchId: branch.id, year });
        for (const f of report.findings) found.push(`${branch.id}:${f.ruleId.split(':')[0]}:${f.period ?? ''}`);
      }
      const expected = demo.gaps
        .filter((g) => g.period.startsWith(String(year)))
        .map((g) => `${g.branchId}:${g.rule}:${g.period}`);
      expect(found.sort(), String(year)).toEqual(expected.sort());
    }
  });

  it('shows the grid: every month of the current year up to now is ok or a named gap', async () => {
    const branch = (await service.call('org.list', {})).find((u) => u.kind === '党支部');
    const report = await service.call('compliance.year', { branchId: branch?.id ?? 0, year: 2026 });
    const themeDays = report.cells.filter((c) => c.ruleId === 'MTG-05');
    expect(themeDays.map((c) => c.state)).toEqual([...Array(10).fill('ok'), 'ok', 'pending']);
  });
});
