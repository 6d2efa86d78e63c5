import { getDuties } from '../modules/duties/overview.ts';
import { resetResponsibilities, setResponsibilities } from '../modules/duties/responsibilities.ts';
import { deleteTask, saveTask } from '../modules/duties/tasks.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<keyof Handlers, `duties.${string}`>;

export function dutiesHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  return {
    'duties.get': (input) => getDuties(ledger(), input.branchId, input.year),
    'duties.setResponsibilities': (input) => setResponsibilities(ledger(), input),
    'duties.resetResponsibilities': (input) => resetResponsibilities(ledger(), input),
    'duties.saveTask': (input) => saveTask(ledger(), input),
    'duties.deleteTask': (input) => deleteTask(ledger(), input.id),
  };
}
