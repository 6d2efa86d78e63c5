import type { z } from 'zod';

/**
 * One API method: its zod input schema and, as a phantom type, its output.
 * The output is never validated at run time (it comes from our own core); the input always is.
 */
export interface MethodSpec<In extends z.ZodType, Out> {
  readonly input: In;
  /** Phantom: carries the output type only. */
  readonly output?: Out;
  /** Long-running methods report progress on the event channel. */
  readonly progress?: boolean;
}

export function method<Out>() {
  return <In extends z.ZodType>(input: In, options: { progress?: boolean } = {}): MethodSpec<In, Out> => ({
    input,
    ...options,
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the generic bound of a heterogenous method table
export type AnyMethodSpec = MethodSpec<z.ZodType, any>;

export type InputOf<S> = S extends MethodSpec<infer In, unknown> ? z.input<In> : never;
export type ParsedInputOf<S> = S extends MethodSpec<infer In, unknown> ? z.output<In> : never;
export type OutputOf<S> = S extends MethodSpec<z.ZodType, infer Out> ? Out : never;

/** What every transport returns: never a thrown error across the boundary. */
export type ApiResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: {
        code: string;
        message: string;
        details: Array<{
          field?: string;
          file?: string;
          sheet?: string;
          row?: number;
          column?: string;
          message: string;
        }>;
      };
    };

export interface ProgressEvent {
  method: string;
  /** The caller's job id (export jobs): matches events to the call and lets it be cancelled. */
  jobId?: string;
  done: number;
  total: number;
  message: string;
}
