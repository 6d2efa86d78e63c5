import type { ParsedInputOf } from '../../api/contract.ts';
import type { Api, MethodName, Output } from '../../api/index.ts';
import type { Ledger } from '../ledger.ts';

export type Transport = 'ipc' | 'bridge' | 'cli';

export type Handlers = {
  [M in MethodName]: (input: ParsedInputOf<Api[M]>, transport: Transport) => Output<M> | Promise<Output<M>>;
};

/** Handlers read the current ledger through this getter: a restore replaces it. */
export type LedgerRef = () => Ledger;
