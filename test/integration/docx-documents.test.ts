import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedDocument } from '../../electron/api/export.ts';
import { evaluateTimeRule } from '../../electron/core/export/document-data.ts';
import { loadDevelopmentTemplate } from '../../electron/core/export/docx/development-record.ts';
import {
  buildElectionPack,
  type ElectionPackData,
  loadElectionTemplate,
} from '../../electron/core/export/docx/election-pack.ts';
import { loadScoreTemplate } from '../../electron/core/export/docx/score-sheet.ts';
import { loadTalkTemplate } from '../../electron/core/export/docx/talk-record.ts';
import { documentHandlers } from '../../electron/core/handlers/documents.ts';
import { getAssessment } from '../../electron/core/modules/assessment/assessment.ts';
import { developmentBoard, getPerson } from '../../electron/core/modules/development/people.ts';
import { devStepDefinitions } from '../../electron/core/rules/development-steps.ts';
import { sortBySurnameStrokes } from '../../electron/core/rules/strokes.ts';
import { defaultRuleSet } from '../../electron/core/templates/ruleset.ts';
import developmentTemplate from '../../templates/documents/development-record.json' with { type: 'json' };
import electionTemplate from '../../templates/documents/election-pack.json' with { type: 'json' };
import scoreTemplate from '../../templates/documents/score-sheet.json' with { type: 'json' };
import talkTemplate from '../../templates/documents/talk-record.json' with { type: 'json' };
import { all, type DemoBook, demoLedger, RARE_NAMES, unzipDocx } from '../render/docx-helpers.ts';

/**
 * The single documents of issue #6 read back from the .docx: 发展党员全程记实表, the election pack,
 * the score sheet and the 谈心谈话记录 — page setup, fonts in every slot, tables within the text width,
 * the content that must be there (every step, every rubric item, ballots in 姓氏笔画 order), no
 * placeholder left, rare name characters byte for byte; and template errors named, not printed.
 */

let demo: DemoBook;
const docs: Record<'development' | 'fresh' | 'election' | 'score' | 'talk', { file: ExportedDocument; xml: string }> =
  {} as never;
let personId = 0;
let freshId = 0;
let electionId = 0;
let talkId = 0;
let candidates: string[] = [];

/** All text of a document part, runs joined, paragraphs on their own lines. */
function textOf(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => all(p, /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g).join(''))
    .join('\n');
}

async function read(file: ExportedDocument) {
  const parts = await unzipDocx(Buffer.from(file.dataBase64, 'base64'));
  return { file, xml: parts.xml.get('word/document.xml') ?? '', parts };
}

beforeAll(async () => {
  demo = await demoLedger('docx-documents-', 1);
  const { service, branchId } = demo;
  const ledger = service.ledger;
  const handlers = documentHandlers(() => service.ledger);

  // The demo person furthest along the procedure: most of the 25 steps recorded.
  const people = developmentBoard(ledger, branchId, true).map((p) => getPerson(ledger, p.id));
  const furthest = people.sort((a, b) => b.steps.length - a.steps.length)[0];
  if (!furthest) throw new Error('demo made no 发展党员');
  personId = furthest.id;
  const fresh = await service.call('dev.create', {
    branchId,
    name: '孙堃喆',
    gender: '女',
    birthDate: '2000-05-04',
    appliedOn: '2026-10-09',
  });
  freshId = fresh.id;

  // An election with the rare-name members among the candidates, counted.
  const members = await service.call('member.list', { branchId });
  const full = members.filter((m) => m.membership === '正式党员' && m.fullDate && m.fullDate <= '2026-06-01');
  const rare = full.filter((m) => (RARE_NAMES as readonly string[]).includes(m.name));
  const others = full.filter((m) => !rare.includes(m) && m.posts.length === 0);
  const chosen = [...rare, ...others.slice(0, 2)];
  candidates = chosen.map((m) => m.name);
  const election = await service.call('election.create', { branchId, seats: 4, plannedOn: '2026-09-20' });
  electionId = election.id;
  for (const [no, date] of [
    [1, '2026-08-01'],
    [2, '2026-08-05'],
    [3, '2026-08-15'],
    [4, '2026-08-20'],
    [5, '2026-08-25'],
    [6, '2026-09-01'],
    [7, '2026-09-10'],
  ] as const)
    await service.call('election.recordStep', { electionId, stepNo: no, doneOn: date });
  await service.call('election.setCandidates', { electionId, memberIds: chosen.map((m) => m.id) });
  await service.call('election.setScrutineers', { electionId, memberIds: [others[3]?.id ?? 0] });
  const due = members.filter((m) => m.membership === '正式党员').length;
  await service.call('election.tally', {
    electionId,
    heldOn: '2026-09-20',
    present: due,
    ballotsIssued: due,
    ballotsReturned: due,
    invalidBallots: 1,
    // Four clear winners and one far behind; never more marks than 4 per valid ballot.
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
    content: '交流近期思想和工作情况。\n对支部工作提出两条建议。',
    followUp: '建议提交支委会研究',
  });
  talkId = talk.id;

  docs.development = await read(await handlers['export.developmentDocx']({ personId }));
  docs.fresh = await read(await handlers['export.developmentDocx']({ personId: freshId }));
  docs.election = await read(await handlers['export.electionDocx']({ electionId }));
  docs.score = await read(await handlers['export.scoreSheetDocx']({ branchId, year: 2026 }));
  docs.talk = await read(await handlers['export.talkDocx']({ talkId }));
}, 120_000);
afterAll(() => demo?.cleanup());

const KINDS = ['development', 'fresh', 'election', 'score', 'talk'] as const;

function sections(xml: string): string[] {
  return all(xml, /(<w:sectPr[\s\S]*?<\/w:sectPr>)/g);
}

describe('single documents (.docx read back)', () => {
  it('are named after the record, with pages and no warnings for 仿宋', () => {
    expect(docs.development.file.fileName).toMatch(/发展党员全程记实表\.docx$/);
    expect(docs.fresh.file.fileName).toBe('孙堃喆发展党员全程记实表.docx');
    expect(docs.election.file.fileName).toMatch(/换届选举文书\.docx$/);
    expect(docs.score.file.fileName).toMatch(/2026年度考核评分表\.docx$/);
    expect(docs.talk.file.fileName).toMatch(/^.+2026-11-02谈心谈话记录（李堃𠮷）\.docx$/);
    for (const kind of KINDS) {
      expect(docs[kind].file.pages, kind).toBeGreaterThan(0);
      expect(docs[kind].file.warnings, kind).toEqual([]);
    }
  });

  it('warns about rare characters when a GB2312-only font is chosen', async () => {
    const handlers = documentHandlers(() => demo.service.ledger);
    const file = await handlers['export.talkDocx']({ talkId, fonts: { body: '仿宋_GB2312' } });
    expect(file.warnings.join('\n')).toMatch(/堃/);
    expect((await read(file)).xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('use exact A4 pages with GB/T 9704 margins and odd/even footers', () => {
    for (const kind of KINDS) {
      const sects = sections(docs[kind].xml);
      expect(sects.length, kind).toBeGreaterThan(0);
      for (const s of sects) {
        if (s.includes('landscape')) {
          expect(s).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
          expect(s).toMatch(/w:top="1587" w:right="1984" w:bottom="1474" w:left="2098"/);
        } else {
          expect(s, kind).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
          expect(s, kind).toMatch(/w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
        }
        expect(s).toContain('w:type="default"');
        expect(s).toContain('w:type="even"');
      }
    }
    expect(sections(docs.score.xml).every((s) => s.includes('landscape'))).toBe(true);
  });

  it('set the fonts in every slot, exact line spacing, and the title in 小标宋', () => {
    for (const kind of KINDS) {
      const { xml } = docs[kind];
      const fonts = all(xml, /<w:rFonts ([^>]*)\/>/g);
      expect(fonts.length, kind).toBeGreaterThan(10);
      for (const f of fonts)
        for (const slot of [
          'w:ascii="Times New Roman"',
          'w:hAnsi="Times New Roman"',
          'w:eastAsia=',
          'w:cs=',
          'w:hint="eastAsia"',
        ])
          expect(f, kind).toContain(slot);
      expect(xml).toContain('w:eastAsia="方正小标宋简体"');
      expect(xml).toContain('<w:sz w:val="44"/>');
      expect(xml).toContain('w:lineRule="exact"');
      expect(xml).not.toContain('lineRule="exactly"');
    }
  });

  it('keep every table on a fixed grid that sums to its width, within the text width, rows not split', () => {
    for (const kind of KINDS) {
      const { xml } = docs[kind];
      const textWidth = kind === 'score' ? 16838 - 2098 - 1984 : 11906 - 1587 - 1474;
      const tables = all(xml, /<w:tbl>([\s\S]*?)<\/w:tbl>/g);
      expect(tables.length, kind).toBeGreaterThan(0);
      for (const table of tables) {
        const grid = all(table, /<w:gridCol w:w="(\d+)"\/>/g).map(Number);
        const width = Number(table.match(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/)?.[1]);
        expect(
          grid.reduce((a, b) => a + b, 0),
          kind,
        ).toBe(width);
        expect(width, kind).toBeLessThanOrEqual(textWidth);
        expect(table).toContain('<w:tblLayout w:type="fixed"/>');
        for (const row of all(table, /<w:tr>([\s\S]*?)<\/w:tr>/g)) expect(row).toContain('<w:cantSplit/>');
      }
    }
    // Column tables repeat their header row.
    expect(docs.development.xml).toContain('<w:tblHeader/>');
    expect(docs.score.xml).toContain('<w:tblHeader/>');
  });

  it('leave no {{placeholder}} unfilled', () => {
    for (const kind of KINDS) expect(textOf(docs[kind].xml), kind).not.toMatch(/\{\{|\}\}/);
  });
});

describe('发展党员全程记实表', () => {
  it('prints the header and every one of the 25 steps in order, each recorded one with its date', () => {
    const person = getPerson(demo.service.ledger, personId);
    const text = textOf(docs.development.xml);
    expect(text).toContain('发展党员全程记实表');
    expect(text).toContain(person.name);
    for (const label of ['姓　　名', '性　　别', '出生年月', '民　　族', '学　　历', '单位职务', '申请入党时间'])
      expect(text).toContain(label);
    const definitions = devStepDefinitions();
    let at = 0;
    for (const d of definitions) {
      const found = text.indexOf(`\n${d.no}\n${d.name}`, at);
      expect(found, `step ${d.no} ${d.name}`).toBeGreaterThan(at);
      at = found;
    }
    const rows = all(docs.development.xml, /<w:tr>([\s\S]*?)<\/w:tr>/g).map((r) =>
      all(r, /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g),
    );
    for (const step of person.steps) {
      const [y, m, d] = step.doneOn.split('-').map(Number);
      const row = rows.find((cells) => cells[0] === String(step.stepNo) && cells.includes(`${y}.${m}.${d}`));
      expect(row, `step ${step.stepNo} on ${step.doneOn}`).toBeDefined();
    }
    const undone = definitions.filter((d) => !person.steps.some((s) => s.stepNo === d.no)).length;
    expect(text.split('\n').filter((l) => l === '未办理').length).toBe(undone);
    for (const stage of ['一、申请入党', '二、入党积极分子的确定和培养教育', '五、预备党员的教育考察和转正'])
      expect(text).toContain(stage);
  });

  it('shows the time rules satisfied or not', () => {
    const text = textOf(docs.development.xml);
    expect(text).toContain('时限规定执行情况');
    expect(text).toMatch(/确定为入党积极分子12个月以上，方可确定为发展对象[^\n]*：[^\n]*(符合|尚未到该环节)/);
    expect(text).toMatch(/收到入党申请书后1个月内派人谈话：[^\n]*符合/);
  });

  it('prints 未办理 for the 24 steps of a person who has only applied, and the rare name byte for byte', () => {
    const text = textOf(docs.fresh.xml);
    expect(text.split('\n').filter((l) => l === '未办理').length).toBe(24);
    expect(text).toContain('孙堃喆');
    expect(Buffer.from(docs.fresh.xml, 'utf8').includes(Buffer.from('孙堃喆', 'utf8'))).toBe(true);
    expect(text).toContain('2026年10月9日');
  });
});

describe('换届选举文书', () => {
  it('has the four parts, each in its own section (a new page)', () => {
    const xml = docs.election.xml;
    expect(sections(xml).length).toBe(4);
    const text = textOf(xml);
    const order = ['关于召开党员大会进行换届选举的请示', '委员会委员选举票', '计票单', '选举结果报告单'].map((t) =>
      text.indexOf(t),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('fills the 请示 with the branch, dates, members, seats and the 差额 proposal', () => {
    const text = textOf(docs.election.xml);
    expect(text).toMatch(/拟于2026年9月20日召开党员大会/);
    expect(text).toContain('新一届支部委员会拟由4名委员组成');
    expect(text).toMatch(/多于应选人数的20%，拟提名候选人5名，差额1名/);
    expect(text).toMatch(/现有党员\d+名，其中正式党员\d+名/);
    expect(text).toContain('妥否，请批示。');
    expect(text).toContain('2026年8月5日');
  });

  it('prints the candidates on every ballot in 姓氏笔画 order, rare characters byte for byte', () => {
    const xml = docs.election.xml;
    const ballotSection = xml.slice(xml.indexOf('委员会委员选举票'), xml.indexOf('计票单'));
    const expected = sortBySurnameStrokes(candidates);
    const tables = all(ballotSection, /<w:tbl>([\s\S]*?)<\/w:tbl>/g);
    expect(tables.length).toBe(2); // two ballots on the page
    for (const table of tables) {
      const cells = all(table, /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g).filter((t) => candidates.includes(t));
      expect(cells).toEqual(expected);
    }
    for (const name of RARE_NAMES) expect(Buffer.from(xml, 'utf8').includes(Buffer.from(name, 'utf8'))).toBe(true);
    expect(textOf(ballotSection)).toContain('画“○”');
  });

  it('counts per candidate on the 计票单 and reports the elected with 应到/实到/有效票', () => {
    const text = textOf(docs.election.xml);
    const report = text.slice(text.indexOf('选举结果报告单'));
    expect(report).toContain('应到会有选举权党员');
    expect(report).toContain('有效票');
    expect(report.split('\n').filter((l) => l === '当选').length).toBe(4);
    expect(report.split('\n').filter((l) => l === '未当选').length).toBe(1);
    const tally = text.slice(text.indexOf('计票单'), text.indexOf('选举结果报告单'));
    for (const name of candidates) expect(tally).toContain(name);
  });
});

describe('考核评分表', () => {
  it('prints every rubric item with its score, evidence records and the total', () => {
    const result = getAssessment(demo.service.ledger, demo.branchId, 2026);
    const text = textOf(docs.score.xml);
    for (const item of result.items) {
      expect(text, item.title).toContain(item.title);
    }
    const auto = result.items.filter((i) => i.mode === 'auto' && i.evidence.length > 0);
    expect(auto.length).toBeGreaterThan(0);
    for (const item of auto) expect(text).toContain(item.evidence[0]?.label ?? '');
    expect(text).toContain(`总分：${Math.round(result.total * 10) / 10}分（满分${result.maxTotal}分）`);
    expect(text).toContain(`拟定等次：${result.proposedTier}`);
    expect(text).toContain('一票否决事项：');
    expect(text).toContain('自评日期：');
    // Each row: the item's title then its points and score.
    const rows = all(docs.score.xml, /<w:tr>([\s\S]*?)<\/w:tr>/g).map((r) => all(r, /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g));
    for (const item of result.items) {
      const row = rows.find((cells) => cells.includes(item.title));
      expect(row, item.title).toBeDefined();
      const score =
        item.points === null
          ? '待评'
          : String(Number.isInteger(item.points) ? item.points : item.points.toFixed(1).replace(/\.0$/, ''));
      expect(row).toContain(score);
    }
  });
});

describe('谈心谈话记录', () => {
  it('prints the talk with both names byte for byte and the content paragraphs', () => {
    const text = textOf(docs.talk.xml);
    expect(text).toContain('谈心谈话记录');
    expect(text).toContain('2026年11月2日');
    expect(text).toContain('交流近期思想和工作情况。');
    expect(text).toContain('对支部工作提出两条建议。');
    expect(text).toContain('建议提交支委会研究');
    expect(text).toContain('谈话人（签字）');
    for (const name of ['王镕喆', '李堃𠮷'])
      expect(Buffer.from(docs.talk.xml, 'utf8').includes(Buffer.from(name, 'utf8'))).toBe(true);
  });

  it('answers an unknown record with a Chinese message', async () => {
    const handlers = documentHandlers(() => demo.service.ledger);
    await expect(handlers['export.talkDocx']({ talkId: 999_999 })).rejects.toThrow(
      /找不到编号为 999999 的谈心谈话记录/,
    );
  });
});

describe('document templates', () => {
  it('name the template and the placeholder for an unknown placeholder', () => {
    expect(() => loadTalkTemplate({ ...talkTemplate, title: '{{branch}}{{nickname}}谈话' }, 'my-talk.json')).toThrow(
      /文书模板“谈心谈话记录（my-talk.json）”有误：title：未知的占位符 \{\{nickname\}\}/,
    );
    expect(() =>
      loadElectionTemplate(
        { ...electionTemplate, request: { ...electionTemplate.request, date: '{{when}}' } },
        'pack.json',
      ),
    ).toThrow(/request\.date：未知的占位符 \{\{when\}\}/);
    expect(() => loadScoreTemplate({ ...scoreTemplate, summary: ['{{grade}}'] }, 'score.json')).toThrow(
      /summary\.0：未知的占位符 \{\{grade\}\}/,
    );
  });

  it('name the key of an unknown column field, too-wide columns and a missing text', () => {
    const steps = developmentTemplate.steps;
    expect(() =>
      loadDevelopmentTemplate(
        {
          ...developmentTemplate,
          steps: { ...steps, columns: [...steps.columns, { header: '照片', field: 'photo', width: 300 }] },
        },
        'dev.json',
      ),
    ).toThrow(/steps\.columns\.5\.field：没有字段“photo”/);
    expect(() =>
      loadScoreTemplate(
        { ...scoreTemplate, columns: scoreTemplate.columns.map((c) => ({ ...c, width: c.width * 2 })) },
        'score.json',
      ),
    ).toThrow(/columns：各列宽度之和 \d+ 缇超过版心宽度 12755 缇/);
    expect(() => loadTalkTemplate({ ...talkTemplate, title: '' }, 'talk.json')).toThrow(/title：不能为空/);
  });
});

describe('time rules of the 全程记实表', () => {
  const step = (stepNo: number, doneOn: string, details = {}) => ({
    id: stepNo,
    stepNo,
    ordinal: 1,
    doneOn,
    decidedBy: null,
    docNo: null,
    note: null,
    details,
    overrideReason: null,
    enteredAt: `${doneOn}T00:00:00Z`,
  });
  const atLeast = { kind: 'atLeast', label: '', from: 3, to: 7, parameter: 'dev.activistMinMonths' } as const;
  const within = { kind: 'within', label: '', from: 1, to: 2, parameter: 'dev.talkWithinMonths' } as const;
  const training = { kind: 'training', label: '', from: 11, to: 11, parameter: 'dev.training.minDays' } as const;

  it.each([
    ['activist exactly 12 months before', atLeast, [step(3, '2025-03-24'), step(7, '2026-03-24')], 'satisfied'],
    ['activist one day short of 12 months', atLeast, [step(3, '2025-03-24'), step(7, '2026-03-23')], 'violated'],
    ['candidate step not reached', atLeast, [step(3, '2025-03-24')], 'pending'],
    ['talk on the last day of the month', within, [step(1, '2026-01-31'), step(2, '2026-02-28')], 'satisfied'],
    ['talk a day late', within, [step(1, '2026-01-15'), step(2, '2026-02-16')], 'violated'],
    ['talk missing, month not over', within, [step(1, '2026-11-01')], 'pending'],
    ['talk missing, month over', within, [step(1, '2026-09-01')], 'violated'],
    [
      'training 24 hours in 2 days',
      training,
      [step(11, '2026-05-01', { trainingDays: 2, trainingHours: 24 })],
      'satisfied',
    ],
    [
      'training 2 days, 16 hours',
      training,
      [step(11, '2026-05-01', { trainingDays: 2, trainingHours: 16 })],
      'violated',
    ],
  ] as const)('%s → %s', (_name, rule, steps, verdict) => {
    expect(evaluateTimeRule(rule, steps, defaultRuleSet, '2026-11-23').verdict).toBe(verdict);
  });
});

describe('election pack before the count', () => {
  it('prints blanks to fill by hand, ballots and an empty 计票单, and no placeholder', async () => {
    const blank = '　　';
    const data: ElectionPackData = {
      values: {
        branch: '第三党支部',
        organisation: '中共测试委员会',
        parentOrganisation: '中共测试委员会',
        members: '9',
        fullMembers: '8',
        probationers: '1',
        termStart: '2023年12月1日',
        termEnd: '2026年12月1日',
        termYears: '3',
        plannedOn: '2026年12月5日',
        requestDate: '2026年11月5日',
        seats: '3',
        ratio: '20',
        candidates: '4',
        difference: '1',
        base: '应到会',
        heldOn: `${blank}年${blank}月${blank}日`,
        eligible: blank,
        present: blank,
        ballotsIssued: blank,
        ballotsReturned: blank,
        validBallots: blank,
        invalidBallots: blank,
        threshold: blank,
        scrutineers: '',
      },
      checks: null,
      candidates: ['丁一', '王二', '李三', '𠮷四'].map((name, i) => ({ order: i + 1, name })),
      results: [],
      names: [],
    };
    const doc = await buildElectionPack(data);
    const xml = (await unzipDocx(doc.buffer)).xml.get('word/document.xml') ?? '';
    const text = textOf(xml);
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).toContain('拟于2026年12月5日召开党员大会');
    expect(text).toContain(`发出选票${blank}张`);
    expect(text.split('\n').filter((l) => l === '另选他人').length).toBeGreaterThanOrEqual(2);
    expect(Buffer.from(xml, 'utf8').includes(Buffer.from('𠮷四', 'utf8'))).toBe(true);
    expect(doc.fileName).toBe('第三党支部换届选举文书.docx');
  });
});
