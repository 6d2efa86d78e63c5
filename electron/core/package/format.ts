/**
 * The ledger package (台账包, issue #7 export item 4): a .zip of our own layout, the one export
 * that loses nothing.
 *
 *   manifest.json          what is inside, from which ledger, made with which template pack,
 *                          and the SHA-256 and size of every other file
 *   signature              Ed25519 over the exact bytes of manifest.json (base64)
 *   data/<part>.json       the LedgerBundle, one file per kind of record
 *   attachments/<sha256>.<ext>   each referenced attachment's bytes, named by their hash
 *   templates/…            the template pack the ledger was kept with
 *
 * The signature covers the manifest's bytes, and the manifest covers every other file's bytes, so
 * a single changed byte anywhere is found and the file that holds it is named.
 */
import { z } from 'zod';
import { safeFileName } from '../export/file-name.ts';

export const PACKAGE_FORMAT = 'branch-ledger/package';
export const PACKAGE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'signature';
export const DATA_DIR = 'data/';
export const ATTACHMENTS_DIR = 'attachments/';
export const TEMPLATES_DIR = 'templates/';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const ref = z.strictObject({ id: z.string().min(1).max(100), version: z.string().min(1).max(40) });

export const packageFileSchema = z.strictObject({
  path: z.string().min(1).max(255),
  sha256: hex64,
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type PackageFile = z.infer<typeof packageFileSchema>;

export const packageManifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  app: z.strictObject({ name: z.string().max(60), version: z.string().max(40) }),
  ledger: z.strictObject({ id: z.string().min(1).max(100), name: z.string().max(200) }),
  branches: z
    .array(z.strictObject({ id: z.number().int().positive(), name: z.string().min(1).max(200) }))
    .min(1)
    .max(5000),
  /** null: every year the ledger holds. */
  year: z.number().int().min(2000).max(2100).nullable(),
  pack: ref,
  ruleSet: ref,
  createdAt: z.string().max(40),
  files: z.array(packageFileSchema).max(20_000),
  /** Per data file (data/meetings.json …), each record's id and a 64-bit hash of it: verify names changed records. */
  records: z
    .record(z.string().max(60), z.array(z.tuple([z.string().max(40), z.string().regex(/^[0-9a-f]{16}$/)])).max(200_000))
    .optional(),
  signer: z.strictObject({
    algorithm: z.literal('Ed25519'),
    publicKey: z.string().min(40).max(200),
    fingerprint: z.string().max(60),
  }),
});
export type PackageManifest = z.infer<typeof packageManifestSchema>;

/** `第一党支部_2026_台账包.zip`; characters Windows refuses in names become "_". */
export function packageFileName(branchNames: readonly string[], year: number | null): string {
  const who = branchNames.length === 1 ? (branchNames[0] ?? '台账') : `${branchNames.length}个党支部`;
  const safe = safeFileName(who).slice(0, 60);
  return `${safe}_${year ?? '全部年度'}_台账包.zip`;
}

/** The extension an attachment keeps inside the package, from its MIME type (never from a user's name). */
export function attachmentExtension(mime: string): string {
  const known: Record<string, string> = {
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'application/pdf': 'pdf',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  };
  return known[mime] ?? 'bin';
}

/** attachments/<sha256>.<ext> → the hash, or null for any other name. */
export function attachmentHashOf(path: string): string | null {
  return /^attachments\/([0-9a-f]{64})\.[a-z0-9]{1,5}$/.exec(path)?.[1] ?? null;
}
