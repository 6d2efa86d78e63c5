/**
 * The manifest of an exported workbook: what was exported, from which ledger, with which template
 * pack and rules, and a hash of every sheet's cell VALUES (never of the XML, so a file re-saved by
 * Excel, WPS or LibreOffice still verifies when no value changed), signed with the ledger's key.
 *
 * Row ids ("member:12", "meeting:40" …) are stored per sheet in sheet order, with a short hash of
 * each row, so that a verifier can name the rows whose values changed and an importer can match a
 * row to its record whatever order the rows are in. The ids are also written into a hidden column
 * of each sheet: a row keeps its id when someone sorts or inserts rows.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { publicKeyFingerprint, type SigningKey, signDetached, verifyDetached } from '../signing/keys.ts';

export const MANIFEST_FORMAT = 'branch-ledger/workbook-manifest';
export const MANIFEST_VERSION = 1;
/** Name of the veryHidden sheet holding the manifest (and, in a fill-in template, its description). */
export const MANIFEST_SHEET = '_manifest';
/** First cell of the manifest sheet, so that a foreign sheet that happens to be called _manifest is not read as ours. */
export const MANIFEST_MARKER = 'BRANCH-LEDGER-MANIFEST';

/**
 * A cell value as hashed: text, a calendar day 'YYYY-MM-DD' (a string), a number, a boolean, or —
 * for what we never write ourselves — a formula or an error, kept distinct so that they never equal
 * the value they replaced.
 */
export type CanonicalCell = string | number | boolean | null | { formula: string } | { error: string };
/** A sheet row: cells from column A, null where empty, trailing nulls dropped. */
export type CanonicalRow = CanonicalCell[];

export const COLUMN_TYPES = ['text', 'date', 'number'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));
const ref = z.strictObject({ id: z.string().min(1).max(100), version: z.string().min(1).max(40) });

const columnSchema = z.strictObject({
  header: z.string().max(200),
  field: z.string().max(60),
  type: z.enum(COLUMN_TYPES),
});

const sheetSchema = z.strictObject({
  key: z.string().min(1).max(40),
  name: z.string().min(1).max(31),
  /** 1-based row of the column headers. */
  headerRow: z.number().int().min(1).max(100),
  columns: z.array(columnSchema).max(100),
  /** 1-based column of the hidden row ids; null for sheets without records (the cover). */
  idColumn: z.number().int().min(1).max(101).nullable(),
  rowIds: z.array(z.string().min(1).max(100)),
  rowHashes: z.array(hex(16)),
  /** Row hashes of the rows without an id, in order: title, headers, 合计, notes, the signature line. */
  frameHashes: z.array(hex(16)),
  hash: hex(64),
});
export type ManifestSheet = z.infer<typeof sheetSchema>;

const signerSchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  publicKey: z.string().min(40).max(200),
  fingerprint: z.string().max(60),
});

const ledgerWorkbookSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  kind: z.literal('ledger-workbook'),
  ledgerId: z.string().min(1).max(100),
  branch: z.strictObject({ id: z.number().int().positive(), name: z.string().min(1).max(80) }),
  year: z.number().int().min(2000).max(2100),
  pack: ref,
  layout: ref,
  ruleSet: ref,
  exportedAt: z.string().max(40),
  idNumbers: z.enum(['masked', 'full']),
  sheets: z.array(sheetSchema).min(1).max(50),
  contentHash: hex(64),
  signer: signerSchema,
  signature: z.string().min(40).max(200),
});
export type LedgerWorkbookManifest = z.infer<typeof ledgerWorkbookSchema>;
export type UnsignedManifest = Omit<LedgerWorkbookManifest, 'signature' | 'signer' | 'contentHash'>;

/** A fill-in template describes itself (for the importer) but is not signed: its data comes from people. */
const templateSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  kind: z.literal('fill-in-template'),
  pack: ref,
  layout: ref,
  branch: z.strictObject({ id: z.number().int().positive(), name: z.string().min(1).max(80) }).nullable(),
  createdAt: z.string().max(40),
  sheets: z.array(
    z.strictObject({
      key: z.string().min(1).max(40),
      name: z.string().min(1).max(31),
      headerRow: z.number().int().min(1).max(100),
      exampleRow: z.number().int().min(1).max(100).nullable(),
      firstDataRow: z.number().int().min(1).max(100),
      columns: z.array(columnSchema).max(100),
    }),
  ),
});
export type TemplateManifest = z.infer<typeof templateSchema>;

export const manifestSchema = z.discriminatedUnion('kind', [ledgerWorkbookSchema, templateSchema]);
export type Manifest = z.infer<typeof manifestSchema>;

/** JSON with object keys sorted at every level: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * 64 bits are plenty to say WHICH row changed; whether anything changed is decided by the full
 * SHA-256 of the sheet, which the signature covers.
 */
export function rowHash(row: CanonicalRow): string {
  return sha256Hex(canonicalJson(row)).slice(0, 16);
}

/** Empty rows are left out, so an inserted blank row or a trailing empty row changes nothing. */
export function rowsHash(rows: readonly CanonicalRow[]): string {
  return sha256Hex(canonicalJson(rows.filter((r) => r.length > 0)));
}

export function contentHashOf(sheets: ReadonlyArray<Pick<ManifestSheet, 'name' | 'hash'>>): string {
  return sha256Hex(canonicalJson(sheets.map((s) => [s.name, s.hash])));
}

function signedBytes(manifest: Omit<LedgerWorkbookManifest, 'signature'>): Buffer {
  return Buffer.from(canonicalJson(manifest), 'utf8');
}

export function signManifest(body: UnsignedManifest, key: SigningKey): LedgerWorkbookManifest {
  const unsigned = {
    ...body,
    contentHash: contentHashOf(body.sheets),
    signer: { algorithm: 'Ed25519' as const, publicKey: key.publicKey, fingerprint: key.fingerprint },
  };
  return { ...unsigned, signature: signDetached(key.privateKey, signedBytes(unsigned)) };
}

/**
 * True when the signature matches the manifest's own public key, the fingerprint shown is that
 * key's, and the content hash is the one over the listed sheet hashes.
 */
export function manifestSignatureValid(manifest: LedgerWorkbookManifest): boolean {
  const { signature, ...unsigned } = manifest;
  if (publicKeyFingerprint(manifest.signer.publicKey) !== manifest.signer.fingerprint) return false;
  if (contentHashOf(manifest.sheets) !== manifest.contentHash) return false;
  return verifyDetached(manifest.signer.publicKey, signedBytes(unsigned), signature);
}

/** Below Excel's 32 767-character cell limit, with room to spare for other programs. */
const CHUNK = 16_000;

/**
 * The manifest as cell texts. Non-ASCII is escaped (\uXXXX) so that a chunk boundary can never cut
 * a character in half — branch names may hold characters outside the BMP.
 */
export function manifestToChunks(manifest: Manifest): string[] {
  const ascii = canonicalJson(manifest).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const chunks: string[] = [];
  for (let at = 0; at < ascii.length; at += CHUNK) chunks.push(ascii.slice(at, at + CHUNK));
  return chunks;
}

export type ParsedManifest = { ok: true; manifest: Manifest } | { ok: false; problem: string };

export function manifestFromChunks(chunks: readonly string[]): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(chunks.join(''));
  } catch {
    return { ok: false, problem: '清单内容不是有效的 JSON（被改动或截断）' };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: `清单格式不符（${first ? `${first.path.join('.')}：${first.message}` : '未知'}）` };
  }
  return { ok: true, manifest: parsed.data };
}
