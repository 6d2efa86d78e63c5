import { deleteDocTemplate, importDocTemplate, listDocTemplates } from '../modules/settings/doc-templates.ts';
import { getDocumentFonts, setDocumentFonts } from '../modules/settings/document-settings.ts';
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
>;

/** 文档设置: the ledger's Word fonts and the committee's own record templates. */
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
  };
}
