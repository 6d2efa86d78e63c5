/**
 * A minimal reader of a zip's central directory, used to refuse hostile .xlsx files before
 * exceljs/JSZip inflates every part into one string (DOCUMENTS.md §2.10: a 300 KB file can expand
 * to 300 MB, and a 690 KB one kills the loader). The sizes a zip declares can lie, so each part is
 * also inflated once here with a running count and abandoned as soon as it exceeds its declared size.
 */
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
  /** Parts smaller than this are not ratio-checked: tiny repetitive XML compresses "too well". */
  ratioCheckFromBytes: number;
}

const MB = 1024 * 1024;

export const XLSX_LIMITS: ZipLimits = {
  maxEntries: 200,
  maxEntryBytes: 50 * MB,
  maxTotalBytes: 200 * MB,
  maxRatio: 100,
  ratioCheckFromBytes: 1 * MB,
};

/** A refusal whose message is Chinese and can be shown after the file's name. */
export class ZipRefusal extends Error {
  override readonly name = 'ZipRefusal';
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function corrupt(detail: string, cause?: unknown): ZipRefusal {
  return new ZipRefusal(`文件结构已损坏（${detail}），请在 Excel/WPS 中打开后另存为 .xlsx 再导入`, { cause });
}

function u64(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('大小字段超出范围');
  return Number(value);
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65535 bytes, so it sits near the end; searching
  // backwards matches JSZip, which must see the same directory we checked.
  const lowest = Math.max(0, buf.length - 22 - U16_MAX);
  for (let at = buf.length - 22; at >= lowest; at--) {
    if (buf.readUInt32LE(at) === SIG_EOCD) return at;
  }
  throw corrupt('找不到压缩目录');
}

function directoryLocation(buf: Buffer, eocd: number): { offset: number; size: number; count: number } {
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw corrupt('分卷压缩');
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) throw corrupt('ZIP64 目录缺失');
    const record = u64(buf, locator + 8);
    if (record + 56 > buf.length || buf.readUInt32LE(record) !== SIG_ZIP64_EOCD) throw corrupt('ZIP64 目录无效');
    count = u64(buf, record + 32);
    size = u64(buf, record + 40);
    offset = u64(buf, record + 48);
  }
  if (offset + size > buf.length) throw corrupt('目录超出文件末尾');
  return { offset, size, count };
}

function applyZip64Extra(buf: Buffer, start: number, end: number, entry: ZipEntry): void {
  let at = start;
  while (at + 4 <= end) {
    const id = buf.readUInt16LE(at);
    const length = buf.readUInt16LE(at + 2);
    let field = at + 4;
    if (id === 0x0001) {
      // Only the values saturated in the fixed header are present, in this order.
      if (entry.uncompressedSize === U32_MAX && field + 8 <= end) {
        entry.uncompressedSize = u64(buf, field);
        field += 8;
      }
      if (entry.compressedSize === U32_MAX && field + 8 <= end) {
        entry.compressedSize = u64(buf, field);
        field += 8;
      }
      if (entry.localHeaderOffset === U32_MAX && field + 8 <= end) entry.localHeaderOffset = u64(buf, field);
      return;
    }
    at += 4 + length;
  }
}

/** Lists the entries and enforces count, size, ratio, encryption and method limits. */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): ZipEntry[] {
  const buf = view(bytes);
  if (buf.length < 22) throw corrupt('文件过短');
  const dir = directoryLocation(buf, findEndOfCentralDirectory(buf));
  if (dir.count > limits.maxEntries) {
    throw new ZipRefusal(`工作簿包含 ${dir.count} 个内部文件，超过上限 ${limits.maxEntries} 个，无法安全读取`);
  }
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = dir.offset;
  const end = dir.offset + dir.size;
  while (at < end) {
    if (at + 46 > end || buf.readUInt32LE(at) !== SIG_CENTRAL) throw corrupt('目录项无效');
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > end) throw corrupt('目录项超出目录末尾');
    const flags = buf.readUInt16LE(at + 8);
    const nameBytes = buf.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: flags & 0x800 ? nameBytes.toString('utf8') : nameBytes.toString('latin1'),
      method: buf.readUInt16LE(at + 10),
      flags,
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
    };
    applyZip64Extra(buf, at + 46 + nameLength, at + 46 + nameLength + extraLength, entry);
    at = next;

    if (entries.length >= limits.maxEntries) {
      throw new ZipRefusal(`工作簿包含的内部文件超过上限 ${limits.maxEntries} 个，无法安全读取`);
    }
    checkEntry(entry, limits);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new ZipRefusal(`工作簿解压后超过 ${limits.maxTotalBytes / MB} MB，无法安全读取。花名册文件通常不到 1 MB`);
    }
    entries.push(entry);
  }
  return entries;
}

function checkEntry(entry: ZipEntry, limits: ZipLimits): void {
  if (/(^|\/)vbaProject\.bin$/i.test(entry.name)) {
    throw new ZipRefusal('工作簿中含有宏（VBA），为安全起见不导入。请在 Excel/WPS 中另存为不含宏的 .xlsx 后再导入');
  }
  if (entry.flags & 0x1) throw new ZipRefusal('工作簿内部文件已加密，请去掉密码保护后另存为 .xlsx 再导入');
  if (entry.method !== 0 && entry.method !== 8) throw corrupt(`不支持的压缩方式 ${entry.method}`);
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    throw new ZipRefusal(
      `工作簿中的“${entry.name}”解压后有 ${Math.ceil(entry.uncompressedSize / MB)} MB，超过上限 ${limits.maxEntryBytes / MB} MB，无法安全读取`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize >= limits.ratioCheckFromBytes && ratio > limits.maxRatio) {
    throw new ZipRefusal(
      `工作簿中的“${entry.name}”压缩比异常（约 ${Math.round(ratio)}:1），疑似恶意文件，无法安全读取`,
    );
  }
}

function dataRange(buf: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== SIG_LOCAL) throw corrupt(`“${entry.name}”的文件头无效`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw corrupt(`“${entry.name}”超出文件末尾`);
  return buf.subarray(start, end);
}

/**
 * Inflates one entry, refusing as soon as the output passes its declared size.
 * With `keep: false` the output is only counted, so checking a 50 MB part costs no 50 MB buffer.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, keep: boolean): Promise<Buffer> {
  const data = dataRange(view(bytes), entry);
  const allowed = entry.uncompressedSize;
  if (entry.method === 0) {
    if (data.length !== allowed) throw corrupt(`“${entry.name}”大小不符`);
    return Promise.resolve(keep ? Buffer.from(data) : Buffer.alloc(0));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const inflater = createInflateRaw();
    const chunks: Buffer[] = [];
    let produced = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(error);
    };
    inflater.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > allowed) {
        fail(new ZipRefusal(`工作簿中的“${entry.name}”实际解压大小超过其声明的大小，疑似恶意文件，无法安全读取`));
        return;
      }
      if (keep) chunks.push(chunk);
    });
    inflater.on('error', (error) => fail(corrupt(`“${entry.name}”无法解压`, error)));
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(keep ? Buffer.concat(chunks) : Buffer.alloc(0));
    });
    inflater.end(data);
  });
}

/** Inflates every entry once, counting, so declared sizes that lie are caught before JSZip trusts them. */
export async function verifyDeclaredSizes(bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    await inflateEntry(bytes, entry, false);
  }
}
