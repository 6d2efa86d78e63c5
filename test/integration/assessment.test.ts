import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../electron/core/demo/generate.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, tempLedgerDir } from '../helpers/ledger.ts';

const temp = tempLedgerDir('assessment-test-');
let service: LedgerService;
let branchId = 0;

beforeAll(async () => {
  service = openTestService(temp.dbPath, '2026-11-23T09:00:00+08:00');
  generateDemo(service.ledger, { branches: 2, members: 30, years: 2, seed: 5 });
  branchId = (await service.call('org.list', {})).find((u) => u.kind === '党支部')?.id ?? 0;
});
afterAll(() => {
  service.close();
  temp.cleanup();
});

describe('the assessment of a branch-year', () => {
  it('fills auto items from the ledger, each with its explanation and records', async () => {
    const result = await service.call('assessment.get', { branchId, year: 2026 });
    const congress = result.items.find((i) => i.mode === 'auto' && i.explanation.includes('支部党员大会'));
    expect(congress?.points).not.toBeNull();
    expect(congress?.evidence.length).toBeGreaterThan(0);
    expect(result.total).toBeGreaterThan(0);
    expect(['标准型', '示范型', '红旗型', '未达标']).toContain(result.proposedTier);
  });

  it('refuses a manual score above the item maximum, naming the item, and changes nothing', async () => {
    const before = await service.call('assessment.get', { branchId, year: 2026 });
    const manual = before.items.find((i) => i.mode === 'manual');
    const refused = await service.invoke(
      'assessment.scoreItem',
      { branchId, year: 2026, itemId: manual?.itemId ?? '', points: (manual?.maxPoints ?? 0) + 1 },
      'bridge',
    );
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.message).toContain(manual?.title ?? '?');
    expect((await service.call('assessment.get', { branchId, year: 2026 })).total).toBe(before.total);
  });

  it('keeps a published result as published when records are added afterwards', async () => {
    const published = await service.call('assessment.get', { branchId, year: 2025 });
    expect(published.stage).toBe('已公示');
    await service.call('life.save', {
      branchId,
      kind: '党课',
      title: '补录的党课',
      heldOn: '2025-12-20',
      lecturer: '书记',
      studyHours: 2,
      extra: { form: '讲授' },
    });
    const after = await service.call('assessment.get', { branchId, year: 2025 });
    expect(after.total).toBe(published.total);
    expect(after.proposedTier).toBe(published.proposedTier);
    await expect(
      service.call('assessment.scoreItem', {
        branchId,
        year: 2025,
        itemId: published.items.find((i) => i.mode === 'manual')?.itemId ?? '',
        points: 0,
      }),
    ).rejects.toThrow(/已公示/);
  });
});
