/** Word composers over plain data (ARCHITECTURE.md: templates as data, composers take plain data). */
export { bookFileName, buildLedgerBook, composeLedgerBook } from './book.ts';
export { buildDevelopmentRecord, type DevelopmentRecordData } from './development-record.ts';
export { buildElectionPack, type ElectionPackData } from './election-pack.ts';
export { DEFAULT_FONTS, type FontSettings, gb2312Warnings, outsideGb2312, resolveFonts } from './fonts.ts';
export { type BookLayout, defaultBookLayout, loadBookLayout } from './layout.ts';
export {
  buildMeetingRecord,
  type ComposedDocument,
  composeMeetingRecord,
  type MeetingDocument,
} from './meeting-record.ts';
export { buildScoreSheet, type ScoreSheetData } from './score-sheet.ts';
export { buildTalkRecord, type TalkRecordData } from './talk-record.ts';
export type { LedgerBookData, MeetingRecordData } from './types.ts';
