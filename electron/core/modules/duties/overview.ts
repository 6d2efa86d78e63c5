import type { DutiesOverview } from '../../../api/duties.ts';
import { type Ledger, today } from '../../ledger.ts';
import { defaultDutiesTemplate } from '../../templates/duties.ts';
import { requireUnitOfKind } from '../org/units.ts';
import { listPlans } from '../routine/plans.ts';
import { branchResponsibilities } from './responsibilities.ts';
import { dutyHolders } from './tasks.ts';

/** The 支委分工 page of a branch-year: who held which post when, each post's duties, each person's tasks. */
export function getDuties(ledger: Ledger, branchId: number, year: number): DutiesOverview {
  requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  const asOf = today(ledger);
  const template = defaultDutiesTemplate();
  const planItems = listPlans(ledger, branchId, year).flatMap((plan) =>
    plan.items.map((item) => ({ id: item.id, text: item.text, plan: plan.title })),
  );
  return {
    branchId,
    year,
    asOf,
    template: { id: template.id, name: template.name, version: template.version },
    holders: dutyHolders(ledger, branchId, year, asOf),
    roles: branchResponsibilities(ledger, branchId),
    planItems,
  };
}
