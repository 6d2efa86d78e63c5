import type { OutputOf, ParsedInputOf } from '../../api/contract.ts';
import type { ExportedDocument, exportApi } from '../../api/export.ts';
import { gatherLedgerBook, gatherMeetingRecord } from '../export/book-data.ts';
import {
  bookFileName,
  buildLedgerBook,
  buildMeetingRecord,
  defaultBookLayout,
  gb2312Warnings,
  resolveFonts,
} from '../export/docx/index.ts';
import type { LedgerRef } from './types.ts';

type ExportApi = typeof exportApi;
type ExportHandlers = {
  [M in keyof ExportApi]: (input: ParsedInputOf<ExportApi[M]>) => Promise<OutputOf<ExportApi[M]>>;
};

function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}

/** Word export: gather plain data from the ledger, compose, hand back the bytes and any warnings. */
export function exportHandlers(ledger: LedgerRef): ExportHandlers {
  return {
    'export.ledgerDocx': async (input): Promise<ExportedDocument> => {
      const layout = defaultBookLayout();
      const fonts = resolveFonts(input.fonts);
      const data = gatherLedgerBook(ledger(), input.branchId, input.year);
      const doc = await buildLedgerBook(data, layout, fonts);
      return {
        fileName: bookFileName(layout, data),
        dataBase64: doc.buffer.toString('base64'),
        pages: doc.pages,
        warnings: [...gb2312Warnings(data.names, fonts), ...doc.problems],
      };
    },
    'export.meetingDocx': async (input): Promise<ExportedDocument> => {
      const fonts = resolveFonts(input.fonts);
      const record = gatherMeetingRecord(ledger(), input.meetingId);
      const doc = await buildMeetingRecord(record, fonts);
      const { heldOn, kind } = record.meeting.fields;
      return {
        fileName: safeFileName(`${record.branchName}${heldOn ?? ''}${kind ?? ''}记录.docx`),
        dataBase64: doc.buffer.toString('base64'),
        pages: doc.pages,
        warnings: [...gb2312Warnings(record.names, fonts), ...doc.problems],
      };
    },
  };
}
