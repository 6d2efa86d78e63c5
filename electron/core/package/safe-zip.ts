/**
 * A zip reader for files from anywhere (ledger packages handed in by branches, and the zip layer
 * of workbooks). The central directory is checked before one byte is inflated, and every entry is
 * inflated in slices with a running byte count, so a bomb stops after at most its declared size —
 * the sizes a zip declares can lie (DOCUMENTS.md §2.10). JSZip (inside exceljs) must never see an
 * untrusted package: it inflates whole parts into one string first.
 *
 * Refused: truncated or multi-volume archives, ZIP64 (we never write it, and it is where the size
 * fields get creative), more entries than allowed, names that could escape a folder (absolute, "..",
 * backslashes, drive letters, NUL), duplicate names (also by case, as Windows would see them),
 * symbolic links, encrypted entries, methods other than stored/deflate, too large or too well
 * compressed entries, and bytes that do not match their CRC-32.
 */
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';

export interface SafeZipLimits {
  /** Bytes of the zip file itself. */
  maxFileBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed; a deflate bomb of zeros reaches about 1000:1. */
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked: tiny repetitive JSON compresses "too well". */
  ratioCheckFromBytes: number;
}

const MB = 1024 * 1024;

/** A ledger package holds JSON data, the template pack and attachments of up to 50 MB each. */
export const PACKAGE_LIMITS: SafeZipLimits = {
  maxFileBytes: 1024 * MB,
  maxEntries: 20_000,
  maxEntryBytes: 64 * MB,
  maxTotalBytes: 1024 * MB,
  maxRatio: 200,
  ratioCheckFromBytes: 1 * MB,
};

export interface SafeZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  isDirectory: boolean;
}

/** A refusal whose Chinese message can follow the file's name ("无法读取“x.zip”：…"). */
export class UnsafeZip extends Error {
  override readonly name = 'UnsafeZip';
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/** Inflate input in slices, so the byte count is checked at least every few megabytes of output. */
const SLICE = 64 * 1024;

function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const broken = (detail: string) => new UnsafeZip(`压缩包已损坏或不完整（${detail}）`);

function findEndOfCentralDirectory(buf: Buffer): number {
  // 22 bytes plus a comment of up to 65 535 bytes: the record sits near the end.
  const lowest = Math.max(0, buf.length - 22 - U16_MAX);
  for (let at = buf.length - 22; at >= lowest; at--) {
    if (buf.readUInt32LE(at) === SIG_EOCD) return at;
  }
  throw broken('找不到压缩目录，文件可能被截断');
}

/** Why a name may not be unpacked, or null when it is a plain relative path. */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return '名称为空';
  if (name.length > 255) return '名称过长';
  if (name.includes('\0')) return '名称含有空字符';
  if (name.includes('\\')) return '名称含有反斜杠“\\”';
  if (name.startsWith('/')) return '使用了绝对路径';
  if (/^[A-Za-z]:/.test(name)) return '含有盘符';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) return '含有“..”（可能写到文件夹之外）';
  if (parts.some((p) => p === '' || p === '.')) return '路径格式不规范';
  return null;
}

function checkEntry(entry: SafeZipEntry, isSymlink: boolean, limits: SafeZipLimits): void {
  const shown = entry.name.slice(0, 80);
  const nameProblem = unsafeNameReason(entry.name);
  if (nameProblem) throw new UnsafeZip(`压缩包中的文件“${shown}”${nameProblem}，疑似恶意文件，已拒绝`);
  if (isSymlink) throw new UnsafeZip(`压缩包中的“${shown}”是符号链接，已拒绝`);
  if (entry.flags & 0x1) throw new UnsafeZip(`压缩包中的“${shown}”已加密（设有密码），无法读取`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new UnsafeZip(`压缩包中的“${shown}”使用了不支持的压缩方式（${entry.method}）`);
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    throw new UnsafeZip(
      `压缩包中的“${shown}”解压后有 ${Math.ceil(entry.uncompressedSize / MB)} MB，超过上限 ${limits.maxEntryBytes / MB} MB`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize >= limits.ratioCheckFromBytes && ratio > limits.maxRatio) {
    throw new UnsafeZip(`压缩包中的“${shown}”压缩比异常（约 ${Math.round(ratio)}:1），疑似“压缩炸弹”，已拒绝`);
  }
}

/** Lists the entries, enforcing every limit and rule above; throws UnsafeZip. */
export function listZipEntries(bytes: Uint8Array, limits: SafeZipLimits): SafeZipEntry[] {
  const buf = view(bytes);
  if (buf.length > limits.maxFileBytes) throw new UnsafeZip(`文件超过 ${limits.maxFileBytes / MB} MB，无法安全读取`);
  if (buf.length < 22) throw broken('文件过短');
  const eocd = findEndOfCentralDirectory(buf);
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw broken('这是分卷压缩包');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (
    count === U16_MAX ||
    size === U32_MAX ||
    offset === U32_MAX ||
    (eocd >= 20 && buf.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR)
  ) {
    throw new UnsafeZip('压缩包使用了 ZIP64 格式（超大压缩包），台账包不使用该格式，无法读取');
  }
  if (count > limits.maxEntries) throw new UnsafeZip(`压缩包包含 ${count} 个文件，超过上限 ${limits.maxEntries} 个`);
  if (offset + size > eocd) throw broken('压缩目录超出文件末尾，文件可能被截断');

  const entries: SafeZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = offset;
  const end = offset + size;
  while (at < end) {
    if (at + 46 > end || buf.readUInt32LE(at) !== SIG_CENTRAL) throw broken('目录项无效');
    const versionMadeBy = buf.readUInt16LE(at + 4);
    const flags = buf.readUInt16LE(at + 8);
    const nameLength = buf.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (next > end) throw broken('目录项超出目录末尾');
    const nameBytes = buf.subarray(at + 46, at + 46 + nameLength);
    const name = flags & 0x800 ? nameBytes.toString('utf8') : nameBytes.toString('latin1');
    const externalAttrs = buf.readUInt32LE(at + 38);
    const entry: SafeZipEntry = {
      name,
      method: buf.readUInt16LE(at + 10),
      flags,
      crc32: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
      isDirectory: name.endsWith('/'),
    };
    // Unix "made by" (3) keeps the file mode in the high 16 bits of the external attributes.
    const isSymlink = versionMadeBy >> 8 === 3 && ((externalAttrs >>> 16) & S_IFMT) === S_IFLNK;
    at = next;
    if (entries.length >= limits.maxEntries) throw new UnsafeZip(`压缩包包含的文件超过上限 ${limits.maxEntries} 个`);
    checkEntry(entry, isSymlink, limits);
    const folded = name.toLowerCase();
    if (seen.has(folded)) throw new UnsafeZip(`压缩包中有重名的文件“${name.slice(0, 80)}”，疑似被篡改，已拒绝`);
    seen.add(folded);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new UnsafeZip(`压缩包解压后超过 ${limits.maxTotalBytes / MB} MB，无法安全读取`);
    }
    entries.push(entry);
  }
  if (entries.length !== count) throw broken('目录项数量与声明不符');
  return entries;
}

function entryData(buf: Buffer, entry: SafeZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== SIG_LOCAL) throw broken(`“${entry.name}”的文件头无效`);
  const nameLength = buf.readUInt16LE(at + 26);
  // The local name must be the directory's: two names for one entry is how zip-confusion attacks work.
  if (buf.subarray(at + 30, at + 30 + nameLength).toString(entry.flags & 0x800 ? 'utf8' : 'latin1') !== entry.name) {
    throw new UnsafeZip(`压缩包中“${entry.name.slice(0, 80)}”的两处名称不一致，疑似被篡改，已拒绝`);
  }
  const start = at + 30 + nameLength + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw broken(`“${entry.name}”超出文件末尾，文件可能被截断`);
  return buf.subarray(start, end);
}

/**
 * The bytes of one entry. Output is counted as it is produced and inflation stops the moment it
 * passes the declared size, so memory never exceeds the (checked) declared size.
 */
export function readZipEntry(bytes: Uint8Array, entry: SafeZipEntry): Uint8Array {
  const data = entryData(view(bytes), entry);
  const allowed = entry.uncompressedSize;
  let out: Uint8Array;
  if (entry.method === 0) {
    if (data.length !== allowed) throw broken(`“${entry.name}”大小不符`);
    out = new Uint8Array(data);
  } else {
    out = new Uint8Array(allowed);
    let produced = 0;
    let finished = false;
    const inflate = new Inflate((chunk, final) => {
      if (produced + chunk.length > allowed) {
        throw new UnsafeZip(`压缩包中的“${entry.name.slice(0, 80)}”实际解压大小超过其声明的大小，疑似恶意文件，已拒绝`);
      }
      out.set(chunk, produced);
      produced += chunk.length;
      if (final) finished = true;
    });
    try {
      for (let offset = 0; offset < data.length; offset += SLICE) {
        inflate.push(data.subarray(offset, offset + SLICE), offset + SLICE >= data.length);
      }
      if (data.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof UnsafeZip) throw error;
      throw broken(`“${entry.name}”无法解压`);
    }
    if (!finished || produced !== allowed) throw broken(`“${entry.name}”解压后大小不符`);
  }
  if (crc32(out) >>> 0 !== entry.crc32) throw broken(`“${entry.name}”校验值（CRC）不符`);
  return out;
}

/** Every file of the archive by name (folders left out), each inflated under the limits. */
export function readZip(bytes: Uint8Array, limits: SafeZipLimits): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of listZipEntries(bytes, limits)) {
    if (!entry.isDirectory) files.set(entry.name, readZipEntry(bytes, entry));
  }
  return files;
}
