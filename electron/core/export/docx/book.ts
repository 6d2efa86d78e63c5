import type { Block, Cell, Flow, ParaBlock, Row, TableBlock } from './blocks.ts';
import { type FontSettings, resolveFonts } from './fonts.ts';
import {
  type BookColumn,
  type BookLayout,
  type BookSection,
  defaultBookLayout,
  fill,
  fitWidths,
  ordinal,
} from './layout.ts';
import { type ComposedDocument, meetingBlocks, meetingHeading } from './meeting-record.ts';
import { BODY_CHAR, BODY_LINE, BODY_SIZE_PT, type Orientation, TABLE_WIDTH, TEXT_WIDTH } from './page.ts';
import { paginate } from './paginate.ts';
import { renderDocx } from './render.ts';
import type { CellValue, LedgerBookData, MeetingRecordData, TableRowData, TableSectionData } from './types.ts';

/**
 * The ledger book of a branch-year: cover, contents (page numbers computed here, not a TOC field),
 * 使用说明, then the template's parts — each with a divider page — and their sections.
 */

function para(text: string, options: Partial<ParaBlock> = {}): ParaBlock {
  return {
    type: 'para',
    text,
    role: 'body',
    sizePt: BODY_SIZE_PT,
    line: BODY_LINE,
    align: 'left',
    ...options,
  };
}

function coverBlocks(layout: BookLayout, data: LedgerBookData): Block[] {
  const values = data.cover;
  const fields: Row[] = layout.cover.fields.map((f) => ({
    cells: [
      { paras: [{ text: '' }] },
      { paras: [{ text: `${f.label}：` }], align: 'right', role: 'heading1' },
      { paras: [{ text: fill(f.value, values) }], align: 'center', underline: true },
      { paras: [{ text: '' }] },
    ],
  }));
  const table: TableBlock = {
    type: 'table',
    widths: [500, 2300, 5644, 400],
    header: [],
    rows: fields,
    sizePt: BODY_SIZE_PT,
    line: 640,
    continuation: '',
    borders: false,
  };
  return [
    para(fill(layout.cover.organisation, values), {
      role: 'heading1',
      sizePt: 18,
      line: 560,
      align: 'center',
      spaceBefore: 1000,
    }),
    para(fill(layout.cover.title, values), {
      role: 'title',
      sizePt: 42,
      line: 1100,
      align: 'center',
      spaceBefore: 2000,
    }),
    para(fill(layout.cover.subtitle, values), {
      role: 'heading2',
      sizePt: 18,
      line: 640,
      align: 'center',
      spaceBefore: 300,
    }),
    para('', { line: 560, spaceBefore: 1100 }),
    table,
  ];
}

interface TocEntry {
  level: 1 | 2 | 3;
  text: string;
  anchor: string;
}

function contentsBlocks(layout: BookLayout, entries: TocEntry[]): Block[] {
  return [
    para(layout.contents.title, { role: 'title', sizePt: 22, line: 720, align: 'center' }),
    para('', { line: 280 }),
    ...entries.map((e) =>
      e.level === 1
        ? para(e.text, { role: 'heading1', pageRef: e.anchor })
        : e.level === 2
          ? para(e.text, { pageRef: e.anchor, indentLeft: BODY_CHAR * 2 })
          : para(e.text, { pageRef: e.anchor, indentLeft: BODY_CHAR * 4, sizePt: 14, line: 440 }),
    ),
  ];
}

function instructionBlocks(layout: BookLayout): Block[] {
  return [
    para(layout.instructions.title, { role: 'title', sizePt: 22, line: 720, align: 'center', anchor: 'instructions' }),
    para('', { line: 280 }),
    ...layout.instructions.paragraphs.map((p) => para(p, { firstLine: BODY_CHAR * 2, align: 'both' })),
  ];
}

function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

// Lives with the layout (its import check and download use it); re-exported for the other composers.
export { fitWidths };

function dataRow(section: BookSection, row: TableRowData, bold = false): Row {
  const value = (c: BookColumn): CellValue | undefined =>
    // 分工 comes from the template (options.duties by post) unless the data has its own.
    c.field === 'duties' && !row.duties ? section.options.duties?.[String(row.post)] : row[c.field];
  // A post's responsibility list prints one numbered line per paragraph.
  const paras = (c: BookColumn) =>
    c.field === 'duties'
      ? cellText(value(c))
          .split('\n')
          .map((text) => ({ text }))
      : [{ text: cellText(value(c)) }];
  return {
    cells: section.columns.map((c): Cell => ({ paras: paras(c), align: c.align, bold })),
  };
}

/** The committee section's 责任清单: one table per person after the 分工 table (columns from the duties template). */
export interface DutyTaskTables {
  columns: ReadonlyArray<{ header: string; field: string; width: number; align: 'left' | 'center' | 'right' }>;
  groups: Array<{ heading: string; rows: TableRowData[] }>;
  /** Printed instead when nobody has a task this year. */
  empty: string | null;
}

export interface CommitteeSectionData extends TableSectionData {
  dutyTasks?: DutyTaskTables;
}

function dutyTaskBlocks(layout: BookLayout, section: BookSection, tasks: DutyTaskTables | undefined): Block[] {
  if (!tasks) return [];
  const sizePt = section.fontSizePt ?? layout.table.fontSizePt;
  const line = Math.round((layout.table.lineTwips * sizePt) / layout.table.fontSizePt);
  const title = (text: string) =>
    para(text, { sizePt: 14, line: 440, firstLine: 560, keepNext: true, spaceBefore: 240, role: 'heading2' });
  if (tasks.groups.length === 0)
    return tasks.empty ? [para(tasks.empty, { sizePt: 14, line: 440, firstLine: 560, spaceBefore: 240 })] : [];
  const widths = fitWidths(
    tasks.columns.map((c) => c.width),
    TABLE_WIDTH[section.orientation],
  );
  return tasks.groups.flatMap((group): Block[] => [
    title(group.heading),
    {
      type: 'table',
      widths,
      header: [{ cells: tasks.columns.map((c): Cell => ({ paras: [{ text: c.header }], align: 'center' })) }],
      rows: group.rows.map((row) => ({
        cells: tasks.columns.map((c): Cell => ({ paras: [{ text: cellText(row[c.field]) }], align: c.align })),
      })),
      sizePt,
      line,
      continuation: `${group.heading}（续）`,
    },
  ]);
}

function tableBlock(layout: BookLayout, section: BookSection, data: TableSectionData): TableBlock {
  const sizePt = section.fontSizePt ?? layout.table.fontSizePt;
  return {
    type: 'table',
    widths: fitWidths(
      section.columns.map((c) => c.width),
      TABLE_WIDTH[section.orientation],
    ),
    header: [{ cells: section.columns.map((c): Cell => ({ paras: [{ text: c.header }], align: 'center' })) }],
    rows: [...data.rows.map((r) => dataRow(section, r)), ...(data.totals ?? []).map((r) => dataRow(section, r, true))],
    sizePt,
    line: Math.round((layout.table.lineTwips * sizePt) / layout.table.fontSizePt),
    continuation: `${section.title}（续）`,
  };
}

interface Part {
  orientation: Orientation;
  blocks: Block[];
}

function sectionBlocks(
  layout: BookLayout,
  section: BookSection,
  data: LedgerBookData,
  heading: ParaBlock,
  toc: TocEntry[],
): Block[] {
  const empty = para(layout.emptySection, { firstLine: BODY_CHAR * 2 });
  if (section.source === 'meetings') {
    const meetings: MeetingRecordData[] = data.sections.meetings?.meetings ?? [];
    if (meetings.length === 0) return [heading, empty];
    return [
      heading,
      ...meetings.flatMap((m, i) => {
        const title = meetingHeading(m, layout.meetingForm, `${ordinal(3, i + 1)} `);
        if (layout.contents.depth >= 3) toc.push({ level: 3, text: title.text, anchor: title.anchor ?? '' });
        return [{ ...title, newPage: i > 0 }, ...meetingBlocks(m, layout.meetingForm)];
      }),
    ];
  }
  const table = data.sections[section.source] as TableSectionData | undefined;
  if (!table || table.rows.length === 0) return [heading, empty];
  const note = table.note
    ? [para(table.note, { sizePt: 14, line: 440, firstLine: 560, keepNext: true, align: 'both' })]
    : [];
  const tasks =
    section.source === 'committee' ? dutyTaskBlocks(layout, section, (table as CommitteeSectionData).dutyTasks) : [];
  return [heading, ...note, tableBlock(layout, section, table), ...tasks];
}

function bodyParts(layout: BookLayout, data: LedgerBookData, toc: TocEntry[]): Part[] {
  const parts: Part[] = [{ orientation: 'portrait', blocks: instructionBlocks(layout) }];
  layout.parts.forEach((part, p) => {
    const title = `${ordinal(1, p + 1)}${part.title}`;
    const anchor = `part-${p + 1}`;
    toc.push({ level: 1, text: title, anchor });
    parts.push({
      orientation: 'portrait',
      blocks: [
        para(title, {
          role: 'heading1',
          sizePt: 26,
          line: 800,
          align: 'center',
          spaceBefore: 4000,
          newPage: true,
          anchor,
        }),
      ],
    });
    part.sections.forEach((section, s) => {
      const text = `${ordinal(2, s + 1)}${section.title}`;
      const sectionAnchor = `${anchor}-${s + 1}`;
      if (layout.contents.depth >= 2) toc.push({ level: 2, text, anchor: sectionAnchor });
      const heading = para(text, {
        role: 'heading2',
        firstLine: BODY_CHAR * 2,
        newPage: true,
        keepNext: true,
        anchor: sectionAnchor,
      });
      parts.push({ orientation: section.orientation, blocks: sectionBlocks(layout, section, data, heading, toc) });
    });
  });
  return parts;
}

/** Joins neighbouring parts of one orientation into one flow (one docx section). */
function toFlows(parts: Part[], numbered: boolean): Flow[] {
  const flows: Flow[] = [];
  for (const part of parts) {
    const last = flows[flows.length - 1];
    if (last && last.orientation === part.orientation) last.blocks.push(...part.blocks);
    else flows.push({ orientation: part.orientation, numbered, blocks: [...part.blocks] });
  }
  // A new docx section starts a new page by itself: no extra break on its first block.
  for (const flow of flows) {
    const first = flow.blocks[0];
    if (first && first.type !== 'table' && first.newPage) flow.blocks[0] = { ...first, newPage: false };
  }
  return flows;
}

export async function buildLedgerBook(
  data: LedgerBookData,
  layout: BookLayout = defaultBookLayout(),
  fonts: Partial<FontSettings> = {},
): Promise<ComposedDocument> {
  const toc: TocEntry[] = [];
  const body = bodyParts(layout, data, toc);
  const flows: Flow[] = [
    { orientation: 'portrait', numbered: false, blocks: coverBlocks(layout, data) },
    { orientation: 'portrait', numbered: false, blocks: contentsBlocks(layout, toc) },
    ...toFlows(body, true),
  ];
  const pagination = paginate(flows, TEXT_WIDTH);
  const buffer = await renderDocx(pagination, {
    title: `${data.branch.name}${data.year}年度工作台账`,
    description: `${layout.name} ${layout.version}`,
    fonts: resolveFonts(fonts),
  });
  return { buffer, pages: pagination.pages, problems: pagination.problems };
}

/** The book as a .docx. */
export async function composeLedgerBook(
  data: LedgerBookData,
  layout: BookLayout = defaultBookLayout(),
  fonts: Partial<FontSettings> = {},
): Promise<Buffer> {
  return (await buildLedgerBook(data, layout, fonts)).buffer;
}

export function bookFileName(layout: BookLayout, data: LedgerBookData): string {
  return fill(layout.fileName, data.cover).replace(/[\\/:*?"<>|]/g, '_');
}
