/** Word composers over plain data (ARCHITECTURE.md: templates as data, composers take plain data). */
export { bookFileName, buildLedgerBook, composeLedgerBook } from './book.ts';
export { DEFAULT_FONTS, type FontSettings, gb2312Warnings, outsideGb2312, resolveFonts } from './fonts.ts';
export { type BookLayout, defaultBookLayout, loadBookLayout } from './layout.ts';
export {
  buildMeetingRecord,
  type ComposedDocument,
  composeMeetingRecord,
  type MeetingDocument,
} from './meeting-record.ts';
export type { LedgerBookData, MeetingRecordData } from './types.ts';
