/**
 * Per-record hashes of the package's data files, kept in the manifest, so that verify can say not
 * only that data/meetings.json changed but which records: "2026-03-05 党员大会 …被改动" (issue #7:
 * "edited after export (and which sheets/rows)"). 64 bits say WHICH record changed; whether
 * anything changed is decided by the file's full SHA-256, which the signature covers.
 */
import { canonicalJson, sha256Hex } from '../export/manifest.ts';

export type RecordHashes = Record<string, Array<[string, string]>>;

export interface RecordChange {
  id: string;
  change: 'changed' | 'deleted' | 'added';
  label: string;
}

function isRecord(value: unknown): value is Record<string, unknown> & { id: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'id' in value;
}

/** What a person calls a record: its date and title, or its name. */
export function recordLabel(value: Record<string, unknown>): string {
  const text = (k: string) => (typeof value[k] === 'string' ? (value[k] as string) : '');
  if (text('talkerName')) return `${text('heldOn')} ${text('talkerName')}与${text('talkeeName')}谈话`;
  const parts = [text('heldOn') || text('date'), text('kind'), text('title') || text('name')].filter(Boolean);
  return parts.join(' ').slice(0, 80) || `编号 ${String(value.id)}`;
}

/** [id, hash] per record of a data part that is a list of records with ids; null for other parts. */
export function recordHashesOf(value: unknown): Array<[string, string]> | null {
  if (!Array.isArray(value) || !value.every(isRecord)) return null;
  return value.map((r) => [String(r.id), sha256Hex(canonicalJson(r)).slice(0, 16)]);
}

/** Records of an edited data file that differ from the manifest's hashes (empty when the file does not parse). */
export function changedRecords(bytes: Uint8Array, expected: ReadonlyArray<[string, string]>): RecordChange[] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const want = new Map(expected);
  const seen = new Set<string>();
  const changes: RecordChange[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const id = String(item.id);
    const hash = sha256Hex(canonicalJson(item)).slice(0, 16);
    if (!want.has(id) || seen.has(id)) changes.push({ id, change: 'added', label: recordLabel(item) });
    else if (want.get(id) !== hash) changes.push({ id, change: 'changed', label: recordLabel(item) });
    seen.add(id);
  }
  for (const [id] of expected) if (!seen.has(id)) changes.push({ id, change: 'deleted', label: `编号 ${id}` });
  return changes;
}
