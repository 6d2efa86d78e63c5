import type { OutputOf, ParsedInputOf } from '../../api/contract.ts';
import type { documentsApi } from '../../api/documents.ts';
import type { ExportedDocument } from '../../api/export.ts';
import {
  gatherDevelopmentRecord,
  gatherElectionPack,
  gatherScoreSheet,
  gatherTalkRecord,
} from '../export/document-data.ts';
import {
  buildDevelopmentRecord,
  buildElectionPack,
  buildScoreSheet,
  buildTalkRecord,
  type ComposedDocument,
  gb2312Warnings,
} from '../export/docx/index.ts';
import { ledgerFonts } from '../modules/settings/document-settings.ts';
import type { LedgerRef } from './types.ts';

type DocumentsApi = typeof documentsApi;
type DocumentHandlers = {
  [M in keyof DocumentsApi]: (input: ParsedInputOf<DocumentsApi[M]>) => Promise<OutputOf<DocumentsApi[M]>>;
};

function exported(doc: ComposedDocument & { fileName: string }, warnings: string[]): ExportedDocument {
  return {
    fileName: doc.fileName,
    dataBase64: doc.buffer.toString('base64'),
    pages: doc.pages,
    warnings: [...warnings, ...doc.problems],
  };
}

/** Single documents: gather plain data from the ledger, compose by the template, hand back the bytes. */
export function documentHandlers(ledger: LedgerRef): DocumentHandlers {
  return {
    'export.developmentDocx': async (input) => {
      const fonts = ledgerFonts(ledger(), input.fonts);
      const data = gatherDevelopmentRecord(ledger(), input.personId);
      return exported(await buildDevelopmentRecord(data, fonts), gb2312Warnings(data.names, fonts));
    },
    'export.electionDocx': async (input) => {
      const fonts = ledgerFonts(ledger(), input.fonts);
      const data = gatherElectionPack(ledger(), input.electionId);
      return exported(await buildElectionPack(data, fonts), gb2312Warnings(data.names, fonts));
    },
    'export.scoreSheetDocx': async (input) => {
      const fonts = ledgerFonts(ledger(), input.fonts);
      const data = gatherScoreSheet(ledger(), input.branchId, input.year);
      return exported(await buildScoreSheet(data, fonts), gb2312Warnings(data.names, fonts));
    },
    'export.talkDocx': async (input) => {
      const fonts = ledgerFonts(ledger(), input.fonts);
      const data = gatherTalkRecord(ledger(), input.talkId);
      return exported(await buildTalkRecord(data, fonts), gb2312Warnings(data.names, fonts));
    },
  };
}
