import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { LedgerError } from '../../errors.ts';
import { isGb2312Font } from './fonts.ts';

/**
 * A party committee's own .docx with {{placeholders}} for a record kind (issue #6, item 5).
 *
 * Word splits what a person typed as "{{会议时间}}" into several runs whenever formatting, spelling
 * marks or revision ids change inside it ("{{会" bold + "议时间}}"). Each paragraph's text is joined,
 * the placeholders found in it, and a placeholder's text moved into its first run, which keeps that
 * run's formatting; the runs it came from keep what lies outside it. Only <w:t> contents change, so
 * the rest of the document (styles, tables, images, section settings) is left exactly as the
 * committee made it.
 */

/** Limits that keep a hostile or broken zip from exhausting memory (DOCUMENTS.md §0, item 3). */
const MAX_ENTRIES = 1000;
const MAX_TOTAL_BYTES = 80 * 1024 * 1024;
const MAX_PART_BYTES = 30 * 1024 * 1024;

/** The parts a placeholder may sit in: the body, headers, footers, footnotes and endnotes. */
const TEXT_PART = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export interface DocxPackage {
  /** Every entry, decompressed, in the zip's order. */
  entries: Map<string, Uint8Array>;
}

function badFile(fileName: string, message: string, cause?: unknown): LedgerError {
  return new LedgerError('BAD_FILE', `模板《${fileName}》${message}，未做任何修改。`, [{ file: fileName, message }], {
    cause,
  });
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
}

/**
 * Reads the zip's central directory before inflating anything: entry count, declared sizes and the
 * encryption flag. fflate inflates each entry into a buffer of its declared size and never grows it,
 * so the declared sizes bound the memory an import can take.
 */
function checkCentralDirectory(bytes: Uint8Array, fileName: string): void {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_558); i -= 1) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw badFile(fileName, '已损坏（不是完整的 .docx 压缩包）');
  const count = u16(bytes, eocd + 10);
  if (count === 0xffff || u32(bytes, eocd + 16) === 0xffffffff) throw badFile(fileName, '过大，不像是一份记录模板');
  if (count > MAX_ENTRIES) throw badFile(fileName, `包含 ${count} 个部件，超过 ${MAX_ENTRIES} 个的上限`);
  let at = u32(bytes, eocd + 16);
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    if (u32(bytes, at) !== 0x02014b50) throw badFile(fileName, '已损坏（压缩包目录不完整）');
    const flags = u16(bytes, at + 8);
    const size = u32(bytes, at + 24);
    if (flags & 1) throw badFile(fileName, '已加密，请在 Word 或 WPS 中取消密码后另存为 .docx 再导入');
    if (size > MAX_PART_BYTES) throw badFile(fileName, '中有过大的部件，不像是一份记录模板');
    total += size;
    if (total > MAX_TOTAL_BYTES) throw badFile(fileName, '解压后超过 80 MB，不像是一份记录模板');
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
}

/** Opens a .docx with every check a clerk's file needs; a refusal names the file and says what to do. */
export function openDocx(bytes: Uint8Array, fileName: string): DocxPackage {
  if (bytes.length >= 8 && u32(bytes, 0) === 0xe011cfd0 && u32(bytes, 4) === 0xe11ab1a1) {
    // An OLE compound file: a password-protected .docx (EncryptedPackage) or an old .doc.
    throw badFile(fileName, '是加密的 Word 文件或旧版 .doc 文件，请在 Word 或 WPS 中取消密码并另存为 .docx 后再导入');
  }
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) {
    throw badFile(fileName, '不是 Word 文档（.docx），请在 Word 或 WPS 中另存为 .docx 后再导入');
  }
  checkCentralDirectory(bytes, fileName);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (cause) {
    throw badFile(fileName, '已损坏，无法解压', cause);
  }
  const entries = new Map(Object.entries(files));
  if (!entries.has('word/document.xml') || !entries.has('[Content_Types].xml')) {
    throw badFile(fileName, '中没有 Word 正文（word/document.xml），不是 Word 文档');
  }
  if ([...entries.keys()].some((name) => /vbaProject\.bin$/i.test(name))) {
    throw badFile(fileName, '含有宏，请另存为不含宏的 .docx 后再导入');
  }
  return { entries };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function partText(pkg: DocxPackage, name: string, fileName: string): string {
  const data = pkg.entries.get(name);
  if (!data) return '';
  try {
    return decoder.decode(data);
  } catch (cause) {
    throw badFile(fileName, `的部件 ${name} 不是 UTF-8 文本，文件可能已损坏`, cause);
  }
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity === 'amp') return '&';
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** Characters XML 1.0 forbids: control characters other than tab, newline and carriage return. */
function xmlAllowed(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= 0x20 ? cp !== 0xfffe && cp !== 0xffff : cp === 0x09 || cp === 0x0a || cp === 0x0d;
}

function escapeXml(text: string): string {
  return [...text].filter(xmlAllowed).join('').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A <w:t> element: where its opening tag starts, where its text starts and ends, which paragraph holds it. */
interface TextNode {
  tagStart: number;
  contentStart: number;
  contentEnd: number;
  text: string;
  paragraph: number;
  changed: boolean;
}

/** Tag by tag: XML from Word has no CDATA or comments in these parts, and escapes '>' in attributes. */
function textNodes(xml: string): TextNode[] {
  const nodes: TextNode[] = [];
  const paragraphs: number[] = [];
  let nextParagraph = 0;
  let open: { tagStart: number; contentStart: number } | null = null;
  for (const match of xml.matchAll(/<(\/?)([A-Za-z_][\w.-]*:?[\w.-]*)[^>]*?(\/?)>/g)) {
    const [tag, closing, name, selfClosing] = match;
    const at = match.index;
    if (name === 'w:p') {
      if (selfClosing) continue;
      if (closing) paragraphs.pop();
      else paragraphs.push(nextParagraph++);
    } else if (name === 'w:t') {
      if (selfClosing) continue;
      if (!closing) open = { tagStart: at, contentStart: at + tag.length };
      else if (open) {
        nodes.push({
          ...open,
          contentEnd: at,
          text: decodeXml(xml.slice(open.contentStart, at)),
          paragraph: paragraphs.at(-1) ?? -1,
          changed: false,
        });
        open = null;
      }
    }
  }
  return nodes;
}

/**
 * Joins each paragraph's runs and moves every placeholder into its first run. Returns the placeholders
 * and any text that looks like a broken placeholder ("{{会议时间" without its closing braces).
 */
function mergePlaceholders(nodes: TextNode[]): { keys: string[]; broken: string[] } {
  const keys: string[] = [];
  const broken: string[] = [];
  const byParagraph = new Map<number, TextNode[]>();
  for (const node of nodes) {
    const list = byParagraph.get(node.paragraph);
    if (list) list.push(node);
    else byParagraph.set(node.paragraph, [node]);
  }
  for (const runs of byParagraph.values()) {
    const joined = runs.map((r) => r.text).join('');
    if (!joined.includes('{') && !joined.includes('}')) continue;
    // Offsets of each run in the joined text.
    const starts: number[] = [];
    let offset = 0;
    for (const run of runs) {
      starts.push(offset);
      offset += run.text.length;
    }
    const locate = (position: number, isEnd: boolean) => {
      for (let i = runs.length - 1; i >= 0; i -= 1) {
        const start = starts[i] ?? 0;
        if (isEnd ? position > start : position >= start) return i;
      }
      return 0;
    };
    const matches = [...joined.matchAll(PLACEHOLDER)];
    const found: string[] = [];
    // Right to left, so earlier offsets stay valid while runs are rewritten.
    for (const match of matches.reverse()) {
      const key = (match[1] ?? '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
      const from = match.index;
      const to = from + match[0].length;
      const first = locate(from, false);
      const last = locate(to, true);
      const firstRun = runs[first] as TextNode;
      const merged = `{{${key}}}`;
      const head = firstRun.text.slice(0, from - (starts[first] ?? 0));
      if (first === last) {
        const tail = firstRun.text.slice(to - (starts[first] ?? 0));
        if (firstRun.text !== head + merged + tail) {
          firstRun.text = head + merged + tail;
          firstRun.changed = true;
        }
      } else {
        const lastRun = runs[last] as TextNode;
        lastRun.text = lastRun.text.slice(to - (starts[last] ?? 0));
        lastRun.changed = true;
        for (let i = first + 1; i < last; i += 1) {
          const middle = runs[i] as TextNode;
          middle.text = '';
          middle.changed = true;
        }
        firstRun.text = head + merged;
        firstRun.changed = true;
      }
      found.unshift(key);
    }
    keys.push(...found);
    const rest = joined.replace(PLACEHOLDER, '');
    const stray = /.{0,8}(\{\{|\}\}).{0,8}/u.exec(rest);
    if (stray) broken.push(stray[0]);
  }
  return { keys, broken };
}

function serialise(xml: string, nodes: TextNode[], encode: (text: string) => string): string {
  let out = '';
  let cursor = 0;
  for (const node of nodes) {
    if (!node.changed) continue;
    out += `${xml.slice(cursor, node.tagStart)}<w:t xml:space="preserve">${encode(node.text)}`;
    cursor = node.contentEnd;
  }
  return out + xml.slice(cursor);
}

export interface TemplateScan {
  /** Distinct placeholders in order of first appearance. */
  placeholders: string[];
  /** Text like "{{会议时间" that is not a complete placeholder, with where it is. */
  broken: Array<{ part: string; text: string }>;
  /** East Asian font names the template itself uses (for the GB2312 check). */
  fonts: string[];
}

function textParts(pkg: DocxPackage): string[] {
  return [...pkg.entries.keys()].filter((name) => TEXT_PART.test(name));
}

/** Every placeholder of the body, headers and footers, for validation on import. */
export function scanTemplate(pkg: DocxPackage, fileName: string): TemplateScan {
  const placeholders: string[] = [];
  const broken: TemplateScan['broken'] = [];
  for (const part of textParts(pkg)) {
    const { keys, broken: bad } = mergePlaceholders(textNodes(partText(pkg, part, fileName)));
    for (const key of keys) if (!placeholders.includes(key)) placeholders.push(key);
    for (const text of bad) broken.push({ part, text });
  }
  const fonts = new Set<string>();
  for (const part of ['word/document.xml', 'word/styles.xml', ...textParts(pkg)]) {
    for (const m of partText(pkg, part, fileName).matchAll(/w:eastAsia="([^"]+)"/g)) if (m[1]) fonts.add(m[1]);
  }
  return { placeholders, broken, fonts: [...fonts] };
}

/** Value text as runs: XML-escaped, each line break a <w:br/> inside the same run (its formatting kept). */
function encodeValue(text: string): string {
  return text.split(/\r?\n/).map(escapeXml).join('</w:t><w:br/><w:t xml:space="preserve">');
}

/**
 * Fills every placeholder with its value. `values` must hold every placeholder of the template (the
 * caller checks against the catalog first); one missing here is a program error, never a blank.
 */
export function fillTemplate(pkg: DocxPackage, fileName: string, values: ReadonlyMap<string, string>): Uint8Array {
  const out: Record<string, Uint8Array> = {};
  const encoder = new TextEncoder();
  const parts = new Set(textParts(pkg));
  for (const [name, data] of pkg.entries) {
    if (!parts.has(name)) {
      out[name] = data;
      continue;
    }
    const xml = partText(pkg, name, fileName);
    const nodes = textNodes(xml);
    mergePlaceholders(nodes);
    for (const node of nodes) {
      if (!node.text.includes('{{')) continue;
      node.text = node.text.replace(PLACEHOLDER, (_, raw: string) => {
        const key = raw.trim();
        const value = values.get(key);
        if (value === undefined) throw new Error(`placeholder {{${key}}} has no value`);
        return value;
      });
      node.changed = true;
    }
    // Text the template already had is escaped the same way; only filled values may hold line breaks.
    out[name] = encoder.encode(serialise(xml, nodes, encodeValue));
  }
  return zipSync(out, { level: 6 });
}

/** Warnings when the template's own fonts are GB2312-only and names have characters outside it. */
export function templateGb2312Fonts(scan: TemplateScan): string[] {
  return scan.fonts.filter(isGb2312Font);
}
