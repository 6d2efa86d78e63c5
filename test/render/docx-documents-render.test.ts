import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedDocument } from '../../electron/api/export.ts';
import { documentHandlers } from '../../electron/core/handlers/documents.ts';
import { developmentBoard, getPerson } from '../../electron/core/modules/development/people.ts';
import { type DemoBook, demoLedger, RARE_NAMES } from './docx-helpers.ts';

/**
 * Renders the single documents with LibreOffice (fonts mapped by test/fixtures/fonts/fonts.conf) and
 * checks what a reader sees: the page count we laid out, each part of the election pack on its own
 * page, and no text or table past the margins. PNGs of every page go to test-output/docx/documents/
 * for a person to look at.
 */

const tools = ['soffice', 'pdftotext', 'pdfinfo', 'pdftoppm'];
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missing.length > 0) console.warn(`document render check skipped: ${missing.join(', ')} not installed`);

const OUT = resolve('test-output/docx/documents');
const FONTS_CONF = resolve('test/fixtures/fonts/fonts.conf');
const RIGHT_MARGIN = { portrait: 1474 / 20, landscape: 1984 / 20 };
const LEFT_MARGIN = { portrait: 1587 / 20, landscape: 2098 / 20 };
const TOLERANCE = 2;

type Kind = 'development' | 'election' | 'score' | 'talk';
const KINDS: Kind[] = ['development', 'election', 'score', 'talk'];

let demo: DemoBook;
let home: string;
const files = {} as Record<Kind, ExportedDocument>;
const pages = {} as Record<Kind, string[]>;
const pdfs = {} as Record<Kind, string>;

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

async function buildFixture(handlers: ReturnType<typeof documentHandlers>): Promise<void> {
  const { service, branchId } = demo;
  const people = developmentBoard(service.ledger, branchId, true).map((p) => getPerson(service.ledger, p.id));
  const furthest = people.sort((a, b) => b.steps.length - a.steps.length)[0];
  if (!furthest) throw new Error('demo made no 发展党员');
  const members = await service.call('member.list', { branchId });
  const full = members.filter((m) => m.membership === '正式党员' && m.fullDate && m.fullDate <= '2026-06-01');
  const rare = full.filter((m) => (RARE_NAMES as readonly string[]).includes(m.name));
  const others = full.filter((m) => !rare.includes(m) && m.posts.length === 0);
  const chosen = [...rare, ...others.slice(0, 2)];
  const election = await service.call('election.create', { branchId, seats: 4, plannedOn: '2026-09-20' });
  for (const [no, date] of [
    [1, '2026-08-01'],
    [2, '2026-08-05'],
    [3, '2026-08-15'],
    [4, '2026-08-20'],
    [5, '2026-08-25'],
    [6, '2026-09-01'],
    [7, '2026-09-10'],
  ] as const)
    await service.call('election.recordStep', { electionId: election.id, stepNo: no, doneOn: date });
  await service.call('election.setCandidates', { electionId: election.id, memberIds: chosen.map((m) => m.id) });
  await service.call('election.setScrutineers', { electionId: election.id, memberIds: [others[3]?.id ?? 0] });
  const due = members.filter((m) => m.membership === '正式党员').length;
  await service.call('election.tally', {
    electionId: election.id,
    heldOn: '2026-09-20',
    present: due,
    ballotsIssued: due,
    ballotsReturned: due,
    invalidBallots: 1,
    votes: chosen.map((m, i) => ({
      memberId: m.id,
      name: m.name,
      yes: [due - 5, due - 8, due - 10, due - 12, 5][i] ?? 0,
    })),
  });
  const talk = await service.call('talk.save', {
    branchId,
    heldOn: '2026-11-02',
    talkerId: rare[0]?.id ?? 0,
    talkeeId: rare[1]?.id ?? 0,
    type: '日常谈心',
    mode: '面谈',
    place: '党员活动室',
    content:
      '交流近期思想和工作情况，谈了对支部工作的意见。\n对支部学习安排提出两条建议：一是把集中学习放在月初，二是增加交流研讨。',
    followUp: '建议提交支委会研究',
  });
  files.development = await handlers['export.developmentDocx']({ personId: furthest.id });
  files.election = await handlers['export.electionDocx']({ electionId: election.id });
  files.score = await handlers['export.scoreSheetDocx']({ branchId, year: 2026 });
  files.talk = await handlers['export.talkDocx']({ talkId: talk.id });
}

beforeAll(async () => {
  if (missing.length > 0) return;
  demo = await demoLedger('docx-documents-render-', 1);
  await buildFixture(documentHandlers(() => demo.service.ledger));
  mkdirSync(OUT, { recursive: true });
  home = mkdtempSync(join(tmpdir(), 'soffice-home-'));
  const paths = KINDS.map((kind) => {
    const path = join(OUT, `${kind}.docx`);
    writeFileSync(path, Buffer.from(files[kind].dataBase64, 'base64'));
    return path;
  });
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, ...paths], {
    env: { ...process.env, HOME: home, FONTCONFIG_FILE: FONTS_CONF },
    timeout: 150_000,
    stdio: 'ignore',
  });
  for (const kind of KINDS) {
    pdfs[kind] = join(OUT, `${kind}.pdf`);
    pages[kind] = execFileSync('pdftotext', ['-layout', pdfs[kind], '-'], { encoding: 'utf8' }).split('\f');
  }
}, 240_000);

afterAll(() => {
  demo?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

function pageCount(kind: Kind): number {
  return Number(execFileSync('pdfinfo', [pdfs[kind]], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1]);
}

describe.skipIf(missing.length > 0)('single documents rendered by LibreOffice', () => {
  it('have the pages we laid out, and sane counts', () => {
    for (const kind of KINDS) expect(pageCount(kind), kind).toBe(files[kind].pages);
    expect(pageCount('talk')).toBe(1);
    expect(pageCount('development')).toBeGreaterThanOrEqual(2);
    expect(pageCount('development')).toBeLessThanOrEqual(6);
    expect(pageCount('score')).toBeLessThanOrEqual(12);
  });

  it('start each part of the election pack on its own page, two ballots on the ballot page', () => {
    const starts = ['关于召开党员大会进行换届选举的请示', '委员会委员选举票', '计票单', '选举结果报告单'].map((title) =>
      pages.election.findIndex((p) => squash(p).includes(title)),
    );
    expect(starts.every((s) => s >= 0)).toBe(true);
    expect(new Set(starts).size).toBe(4);
    const ballotPage = squash(pages.election[starts[1] ?? 0] ?? '');
    expect(ballotPage.split('委员会委员选举票').length - 1).toBe(2);
    expect(ballotPage).toContain('沿此线剪开');
    // Ballots carry no page number; the 请示 does.
    expect(ballotPage).not.toMatch(/—\d+—/);
    expect(squash(pages.election[starts[0] ?? 0] ?? '')).toContain('—1—');
  });

  it('keep all text and tables inside the margins', () => {
    for (const kind of KINDS) {
      const bbox = execFileSync('pdftotext', ['-bbox', pdfs[kind], '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      let checked = 0;
      for (const page of bbox.split('<page ').slice(1)) {
        const width = Number(page.match(/^width="([\d.]+)"/)?.[1]);
        const height = Number(page.match(/height="([\d.]+)"/)?.[1]);
        const turn = width > height ? 'landscape' : 'portrait';
        for (const m of page.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</g)) {
          checked += 1;
          // A closing mark may hang into the margin (Word and LibreOffice both allow it): one character more.
          const hang = /[，。、；：？！）》”’]$/.test(m[3] ?? '') ? 16 : 0;
          expect(Number(m[2]), `${kind}: ${m[3]}`).toBeLessThanOrEqual(width - RIGHT_MARGIN[turn] + TOLERANCE + hang);
          expect(Number(m[1]), kind).toBeGreaterThanOrEqual(LEFT_MARGIN[turn] - TOLERANCE);
        }
      }
      expect(checked, kind).toBeGreaterThan(20);
    }
  });

  it('renders every page to PNG for a person to look at', () => {
    for (const kind of KINDS) {
      execFileSync('pdftoppm', ['-r', '60', '-png', pdfs[kind], join(OUT, kind)]);
      const first = pageCount(kind) > 9 ? `${kind}-01.png` : `${kind}-1.png`;
      expect(readFileSync(join(OUT, first)).subarray(1, 4).toString()).toBe('PNG');
    }
  });
});
