import { deletePayment, duesSheet, listPayments, recordPayment, remit, setProfile } from '../modules/dues/dues.ts';
import { closeFollowUp, deleteItem, listPlans, saveItem, savePlan, supervision } from '../modules/routine/plans.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<keyof Handlers, `routine.${string}` | `dues.${string}`>;

export function routineAndDuesHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  return {
    'routine.plans': (input) => listPlans(ledger(), input.branchId, input.year),
    'routine.savePlan': (input) => savePlan(ledger(), input),
    'routine.saveItem': (input) => saveItem(ledger(), input),
    'routine.deleteItem': (input) => deleteItem(ledger(), input.id),
    'routine.supervision': (input) => supervision(ledger(), input.branchId, input.asOf),
    'routine.closeFollowUp': (input) => closeFollowUp(ledger(), input),
    'dues.sheet': (input) => duesSheet(ledger(), input.branchId, input.year),
    'dues.setProfile': (input) => setProfile(ledger(), input),
    'dues.recordPayment': (input) => recordPayment(ledger(), input),
    'dues.payments': (input) => listPayments(ledger(), input),
    'dues.deletePayment': (input) => deletePayment(ledger(), input.id),
    'dues.remit': (input) => remit(ledger(), input),
  };
}
