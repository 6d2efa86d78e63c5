import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, call, type Input, type MethodName, type Output, toApiError } from './client.ts';

export interface QueryState<T> {
  data: T | undefined;
  loading: boolean;
  error: ApiError | null;
  reload: () => void;
}

/**
 * Load one method's output and reload whenever the input changes (compared by its JSON).
 * A late answer to an older input is dropped, so fast typing in the search box never shows stale rows.
 */
export function useQuery<M extends MethodName>(method: M, input: Input<M> | null): QueryState<Output<M>> {
  const [data, setData] = useState<Output<M> | undefined>(undefined);
  const [loading, setLoading] = useState(input !== null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const key = input === null ? null : JSON.stringify(input);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `input`; generation forces a reload
  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    call(method, JSON.parse(key) as Input<M>)
      .then((value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (ticket !== latest.current) return;
        setError(toApiError(caught));
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
  }, [method, key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, loading, error, reload };
}
