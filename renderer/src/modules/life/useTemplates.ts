import { useMemo } from 'react';
import type { RecordTemplate } from '../../../../electron/api/index.ts';
import type { MeetingKind } from '../../api/lifeConstants.ts';
import { useQuery } from '../../api/useQuery.ts';

const NO_INPUT = {};

/** The record templates of the template pack, by kind (they drive the record form). */
export function useTemplates() {
  const query = useQuery('life.templates', NO_INPUT);
  const byKind = useMemo(() => {
    const map = new Map<MeetingKind, RecordTemplate>();
    for (const template of query.data ?? []) map.set(template.kind, template);
    return map;
  }, [query.data]);
  return { ...query, byKind };
}
