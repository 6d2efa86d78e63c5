import { describe, expect, it } from 'vitest';
import {
  monthPeriod,
  monthStart,
  onRollDuring,
  onRollOn,
  onRollThroughout,
  periodPhase,
  quarterOfMonth,
  quarterPeriod,
} from '../../../electron/core/rules/calendar.ts';

describe('calendar periods', () => {
  it.each([
    [2026, 1, '2026-01-01'],
    [2026, 12, '2026-12-01'],
    [2026, 13, '2027-01-01'],
    [2026, 0, '2025-12-01'],
  ])('monthStart(%i, %i) = %s', (year, month, start) => expect(monthStart(year, month)).toBe(start));

  it.each([
    [3, 1],
    [4, 2],
    [12, 4],
  ])('month %i is in quarter %i', (month, quarter) => expect(quarterOfMonth(month)).toBe(quarter));

  it('a quarter runs from its first day to the first day of the next', () => {
    expect(quarterPeriod(2026, 1)).toEqual({ key: '2026-Q1', start: '2026-01-01', end: '2026-04-01' });
    expect(quarterPeriod(2026, 4)).toEqual({ key: '2026-Q4', start: '2026-10-01', end: '2027-01-01' });
  });

  it.each([
    ['2026-02-28', 'future'],
    ['2026-03-01', 'current'],
    ['2026-03-31', 'current'],
    ['2026-04-01', 'over'],
  ] as const)('March 2026 as of %s is %s', (asOf, phase) => {
    expect(periodPhase(monthPeriod(2026, 3), asOf)).toBe(phase);
  });
});

describe('on roll: [from, to)', () => {
  const transferredOut = [{ from: '2020-05-01', to: '2026-03-15' }];
  it.each([
    ['2026-03-14', true],
    ['2026-03-15', false],
    ['2020-05-01', true],
    ['2020-04-30', false],
  ])('on %s: %s', (date, on) => expect(onRollOn(transferredOut, date)).toBe(on));

  it('a member who left on 15 March was on roll during March, not April, and not all of March', () => {
    expect(onRollDuring(transferredOut, '2026-03-01', '2026-04-01')).toBe(true);
    expect(onRollDuring(transferredOut, '2026-04-01', '2026-05-01')).toBe(false);
    expect(onRollThroughout(transferredOut, '2026-03-01', '2026-04-01')).toBe(false);
    expect(onRollThroughout(transferredOut, '2026-02-01', '2026-03-01')).toBe(true);
  });

  it('back-to-back stays cover a month together', () => {
    const stays = [
      { from: '2026-03-10', to: null },
      { from: '2025-01-01', to: '2026-03-10' },
    ];
    expect(onRollThroughout(stays, '2026-03-01', '2026-04-01')).toBe(true);
    expect(
      onRollThroughout(
        [{ from: '2025-01-01', to: '2026-03-09' }, stays[0] as { from: string; to: null }],
        '2026-03-01',
        '2026-04-01',
      ),
    ).toBe(false);
  });
});
