import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { AppInfo, OrgUnit } from '../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../api/client.ts';

interface LedgerState {
  info: AppInfo | null;
  units: OrgUnit[];
  loading: boolean;
  error: ApiError | null;
  /** Reload app.info and the organisation tree (after setup, a restore or a change to the tree). */
  reload: () => Promise<void>;
}

const LedgerContext = createContext<LedgerState | null>(null);

export function LedgerProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const nextInfo = await call('app.info', {});
      const nextUnits = nextInfo.needsSetup ? [] : await call('org.list', {});
      setInfo(nextInfo);
      setUnits(nextUnits);
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => ({ info, units, loading, error, reload }), [info, units, loading, error, reload]);
  return <LedgerContext.Provider value={value}>{children}</LedgerContext.Provider>;
}

export function useLedger(): LedgerState {
  const state = useContext(LedgerContext);
  if (!state) throw new Error('useLedger must be used inside <LedgerProvider>');
  return state;
}
