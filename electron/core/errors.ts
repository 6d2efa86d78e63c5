/**
 * Errors that reach a person carry a Chinese message and, where it applies, the exact place
 * (file, sheet, row, column, field). Errors for developers keep their cause.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BAD_FILE'
  | 'LEDGER_TOO_NEW'
  | 'LEDGER_CORRUPT'
  | 'LEDGER_LOCKED'
  | 'UNKNOWN_METHOD'
  /** A long export stopped by the person who started it (export.cancel); nothing was written. */
  | 'CANCELLED'
  | 'INTERNAL';

export interface ErrorDetail {
  /** Where the problem is, as a person would name it: 字段, 文件, 工作表, 行, 列. */
  field?: string;
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerError';
    this.code = code;
    this.details = details;
  }
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof LedgerError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  return { code: 'INTERNAL', message: '程序内部错误，未做任何修改。请重试；如仍出现，请联系技术支持。', details: [] };
}
