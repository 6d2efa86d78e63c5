import type { SerializedError } from '../errors.ts';
import type { BookLayout, FontSettings } from '../export/docx/index.ts';

/** What a job computes. The worker reads the ledger itself; only these few values cross the thread boundary. */
export type JobRequest =
  | {
      kind: 'ledgerBook';
      branchId: number;
      year: number;
      fonts?: Partial<FontSettings>;
      /** Photos another worker already shrank (PhotoShrinker keys), so this one only composes. */
      shrunk?: ShrunkPhotoEntry[];
      /** The ledger's own book layout (文档设置 → 台账版式); absent: the default template. */
      layout?: BookLayout;
    }
  /**
   * Shrinks photos to print size and stores each as its attachment's print copy; the bytes also
   * travel back, for a book about to be composed. Run when a photo is attached, and before a book.
   */
  | { kind: 'shrinkPhotos'; attachmentIds: number[] }
  | { kind: 'ledgerWorkbook'; branchId: number; year: number; includeFullIdNumbers?: boolean };

/** Everything a worker needs to open its own connection to the ledger and run one job. */
export interface JobStart {
  jobId: string;
  dbPath: string;
  /** better-sqlite3 built for Electron's ABI, when the app runs inside Electron. */
  nativeBinding?: string;
  actor: string;
  /** The service's clock at the start of the job: the worker uses it for "today" and export times. */
  nowIso: string;
  request: JobRequest;
}

export interface ShrunkPhotoEntry {
  key: string;
  data: Uint8Array;
}

/** The small, serialisable part of a job's result; the file bytes travel beside it as a transferred buffer. */
export type JobResultMeta =
  | { kind: 'ledgerBook'; fileName: string; pages: number; warnings: string[] }
  | { kind: 'ledgerWorkbook'; fileName: string; sheets: string[]; fingerprint: string }
  /** The photos' bytes follow one another in the transferred buffer. */
  | { kind: 'shrinkPhotos'; photos: Array<{ key: string; offset: number; length: number }>; warnings: string[] };

export interface JobProgress {
  message: string;
  done: number;
  total: number;
}

export type WorkerMessage =
  | ({ type: 'progress' } & JobProgress)
  | { type: 'done'; meta: JobResultMeta; bytes: ArrayBuffer; maxRssKb: number }
  | { type: 'failed'; error: SerializedError; internal?: string };
