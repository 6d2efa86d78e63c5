export { type ExportedLedgerWorkbook, exportLedgerWorkbook, type LedgerWorkbookOptions } from './ledger-workbook.ts';
export { exportFillInTemplate, type FillInTemplateOptions } from './template.ts';
export { statusWord, type VerifyOptions, verifyWorkbook } from './verify.ts';
