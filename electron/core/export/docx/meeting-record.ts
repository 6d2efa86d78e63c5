import type { Block, Cell, ParaBlock, Row, TableBlock } from './blocks.ts';
import { type FontSettings, resolveFonts } from './fonts.ts';
import { photoBlock } from './images.ts';
import { type BookLayout, defaultBookLayout, fill, type MeetingForm } from './layout.ts';
import { BODY_CHAR, BODY_LINE, BODY_SIZE_PT, TABLE_WIDTH, TEXT_WIDTH } from './page.ts';
import { paginate } from './paginate.ts';
import { renderDocx } from './render.ts';
import type { MeetingField, MeetingRecordData } from './types.ts';

/** A meeting record as a form (label | text | label | text), then its photos with captions. */

/** Fields printed as running text, with a two-character indent per paragraph. */
const RUNNING_TEXT: ReadonlySet<MeetingField> = new Set(['content']);

function formWidths(form: MeetingForm): number[] {
  const total = TABLE_WIDTH.portrait;
  const value = Math.floor((total - 2 * form.labelWidth) / 2);
  return [form.labelWidth, value, form.labelWidth, total - 2 * form.labelWidth - value];
}

function valueCell(meeting: MeetingRecordData, field: MeetingField, span?: number): Cell {
  const text = meeting.fields[field] ?? '';
  const indent = RUNNING_TEXT.has(field);
  return {
    paras: text === '' ? [{ text: '' }] : text.split('\n').map((t) => ({ text: t, indent })),
    span,
    align: 'left',
  };
}

function labelCell(label: string): Cell {
  return { paras: [{ text: label }], align: 'center', role: 'heading1' };
}

export function meetingTable(meeting: MeetingRecordData, form: MeetingForm): TableBlock {
  const rows: Row[] = [];
  for (const cells of form.rows) {
    // A row none of whose fields has a value is left out (授课人 of a 支委会, 表决 without a vote).
    if (cells.every((c) => !meeting.fields[c.field])) continue;
    const [a, b] = cells;
    if (!a) continue;
    if (b) {
      rows.push({
        cells: [labelCell(a.label), valueCell(meeting, a.field), labelCell(b.label), valueCell(meeting, b.field)],
      });
    } else {
      rows.push({ cells: [labelCell(a.label), valueCell(meeting, a.field, 3)], splittable: true });
    }
  }
  return {
    type: 'table',
    widths: formWidths(form),
    header: [],
    rows,
    sizePt: form.fontSizePt,
    line: form.lineTwips,
    continuation: `${meeting.fields.heldOnText ?? meeting.heldOn}　${meeting.fields.kind ?? ''}记录（续）`,
  };
}

/** The blocks of one record: its form, then each photo above its caption. */
export function meetingBlocks(meeting: MeetingRecordData, form: MeetingForm): Block[] {
  const blocks: Block[] = [meetingTable(meeting, form)];
  meeting.photos.forEach((photo, i) => {
    const picture = photoBlock(photo.data);
    if (!picture) return;
    const caption: ParaBlock = {
      type: 'para',
      text: fill(form.photoCaption, {
        n: i + 1,
        caption: photo.caption ?? `${meeting.fields.kind ?? ''}活动照片`,
        fileName: photo.fileName,
      }),
      role: 'body',
      sizePt: 14,
      line: 440,
      align: 'center',
    };
    blocks.push({ ...picture, keepNext: true }, caption);
  });
  return blocks;
}

export function meetingHeading(meeting: MeetingRecordData, form: MeetingForm, ordinal: string): ParaBlock {
  return {
    type: 'para',
    text: `${ordinal}${fill(form.heading, meeting.fields)}`,
    // The "1." level is GB/T 9704's third level: 仿宋 bold, in the ledger's 三级标题 font.
    role: 'heading3',
    sizePt: BODY_SIZE_PT,
    line: BODY_LINE,
    align: 'left',
    bold: true,
    firstLine: BODY_CHAR * 2,
    keepNext: true,
    anchor: `meeting-${meeting.id}`,
  };
}

export interface MeetingDocument {
  branchName: string;
  meeting: MeetingRecordData;
  /** Names printed in the record, for the GB2312 check. */
  names: string[];
}

export interface ComposedDocument {
  buffer: Buffer;
  /** Pages as we laid them out (the reader shows the same number). */
  pages: number;
  /** Content that could not be laid out as estimated. */
  problems: string[];
}

/** One record as its own document (导出Word on a record's page). */
export async function composeMeetingRecord(
  input: MeetingDocument,
  fonts: Partial<FontSettings> = {},
  layout: BookLayout = defaultBookLayout(),
): Promise<Buffer> {
  return (await buildMeetingRecord(input, fonts, layout)).buffer;
}

export async function buildMeetingRecord(
  input: MeetingDocument,
  fonts: Partial<FontSettings> = {},
  layout: BookLayout = defaultBookLayout(),
): Promise<ComposedDocument> {
  const { meeting } = input;
  const resolved = resolveFonts(fonts);
  const kind = meeting.fields.kind ?? '会议';
  const blocks: Block[] = [
    {
      type: 'para',
      text: `${input.branchName}${kind}记录`,
      role: 'title',
      sizePt: 22,
      line: 720,
      align: 'center',
    },
    {
      type: 'para',
      text: meeting.fields.heldOnText ?? meeting.heldOn,
      role: 'heading2',
      sizePt: BODY_SIZE_PT,
      line: BODY_LINE,
      align: 'center',
      spaceBefore: 0,
    },
    { type: 'para', text: '', role: 'body', sizePt: BODY_SIZE_PT, line: 280, align: 'left' },
    ...meetingBlocks(meeting, layout.meetingForm),
  ];
  const pagination = paginate([{ orientation: 'portrait', numbered: true, blocks }], TEXT_WIDTH);
  const buffer = await renderDocx(pagination, {
    title: `${input.branchName}${kind}记录`,
    description: `${meeting.heldOn} ${meeting.fields.title ?? ''}`,
    fonts: resolved,
  });
  return { buffer, pages: pagination.pages, problems: pagination.problems };
}
