import { crc32, deflateSync } from 'node:zlib';
import { generateDemo } from '../../electron/core/demo/generate.ts';
import { attachFile } from '../../electron/core/modules/life/attachments.ts';
import { listMeetings } from '../../electron/core/modules/life/meetings-read.ts';
import { inflateEntry, readCentralDirectory } from '../../electron/core/modules/org/import/zip-scan.ts';
import { listUnits } from '../../electron/core/modules/org/units.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, tempLedgerDir } from '../helpers/ledger.ts';

/** The parts of a .docx (a zip): XML parts as text, everything else as bytes. */
export interface DocxParts {
  xml: Map<string, string>;
  media: Map<string, Buffer>;
}

export async function unzipDocx(bytes: Uint8Array): Promise<DocxParts> {
  // Our own output: generous limits (XML compresses far better than the importer's 100:1 allows).
  const entries = readCentralDirectory(bytes, {
    maxEntries: 10_000,
    maxEntryBytes: 500 << 20,
    maxTotalBytes: 2000 << 20,
    maxRatio: 100_000,
    ratioCheckFromBytes: Number.MAX_SAFE_INTEGER,
  });
  const xml = new Map<string, string>();
  const media = new Map<string, Buffer>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = await inflateEntry(bytes, entry, true);
    if (/\.(xml|rels)$/.test(entry.name)) xml.set(entry.name, data.toString('utf8'));
    else media.set(entry.name, data);
  }
  return { xml, media };
}

/** Every match of a regular expression's first group. */
export function all(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1] ?? '');
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A real RGB PNG of a red-to-blue gradient, for a meeting photo. */
export function makePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      raw[row + 1 + x * 3] = Math.round((255 * x) / width);
      raw[row + 2 + x * 3] = 120;
      raw[row + 3 + x * 3] = Math.round((255 * y) / height);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Names with characters outside GB2312 (and one outside the BMP) that must survive byte for byte. */
export const RARE_NAMES = ['王镕喆', '李堃𠮷', '赵昇玥'] as const;

export interface DemoBook {
  service: LedgerService;
  branchId: number;
  photoMeetingId: number;
  cleanup: () => void;
}

/** A demo ledger (fixed clock) with rare-name members and a real photo on one meeting. */
export async function demoLedger(prefix: string, branches = 2): Promise<DemoBook> {
  const temp = tempLedgerDir(prefix);
  const service = openTestService(temp.dbPath, '2026-11-23T09:00:00+08:00');
  generateDemo(service.ledger, { branches, members: 50 * branches, years: 1, seed: 11 });
  const branch = listUnits(service.ledger).find((u) => u.kind === '党支部');
  if (!branch) throw new Error('demo made no branch');
  for (const [i, name] of RARE_NAMES.entries()) {
    await service.call('member.create', {
      name,
      gender: i % 2 ? '女' : '男',
      birthDate: `198${i}-03-0${i + 1}`,
      joinDate: `201${i}-07-01`,
      fullDate: `201${i + 1}-07-01`,
      branchId: branch.id,
      since: '2026-01-05',
    });
  }
  const meetings = listMeetings(service.ledger, { branchId: branch.id, year: 2026 });
  const photoMeeting = meetings.find((m) => m.kind === '主题党日') ?? meetings[0];
  if (!photoMeeting) throw new Error('demo made no meeting');
  attachFile(service.ledger, {
    meetingId: photoMeeting.id,
    fileName: '主题党日合影.png',
    bytes: makePng(1600, 1000),
    caption: '党员参加主题党日活动合影',
  });
  return {
    service,
    branchId: branch.id,
    photoMeetingId: photoMeeting.id,
    cleanup: () => {
      service.close();
      temp.cleanup();
    },
  };
}
