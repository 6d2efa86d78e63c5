import { deleteDocTemplate, importDocTemplate, listDocTemplates } from '../modules/settings/doc-templates.ts';
import {
  getBookLayout,
  getDocumentFonts,
  importBookLayout,
  previewBookLayout,
  resetBookLayout,
  setDocumentFonts,
} from '../modules/settings/document-settings.ts';
import { placeholdersOf } from '../modules/settings/placeholders.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<
  keyof Handlers,
  | 'documents.getFonts'
  | 'documents.setFonts'
  | 'documents.listTemplates'
  | 'documents.importTemplate'
  | 'documents.deleteTemplate'
  | 'documents.placeholders'
  | 'documents.getBookLayout'
  | 'documents.previewBookLayout'
  | 'documents.importBookLayout'
  | 'documents.resetBookLayout'
>;

/** 文档设置: the ledger's Word fonts, the committee's own record templates and its ledger-book layout. */
export function documentSettingsHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  return {
    'documents.getFonts': () => getDocumentFonts(ledger()),
    'documents.setFonts': (input) => setDocumentFonts(ledger(), input.fonts),
    'documents.listTemplates': () => listDocTemplates(ledger()),
    'documents.importTemplate': (input) =>
      importDocTemplate(ledger(), {
        kind: input.kind,
        fileName: input.fileName,
        bytes: Buffer.from(input.dataBase64, 'base64'),
      }),
    'documents.deleteTemplate': (input) => deleteDocTemplate(ledger(), input.id),
    'documents.placeholders': (input) => placeholdersOf(input.kind),
    'documents.getBookLayout': () => getBookLayout(ledger()),
    'documents.previewBookLayout': (input) => previewBookLayout(ledger(), input),
    'documents.importBookLayout': (input) => importBookLayout(ledger(), input),
    'documents.resetBookLayout': () => resetBookLayout(ledger()),
  };
}
