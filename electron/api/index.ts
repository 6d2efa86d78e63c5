import { assessmentApi } from './assessment.ts';
import { committeeApi } from './committee.ts';
import { complianceApi } from './compliance.ts';
import type { InputOf, OutputOf } from './contract.ts';
import { developmentApi } from './development.ts';
import { duesApi } from './dues.ts';
import { electionsApi } from './elections.ts';
import { exportApi } from './export.ts';
import { lifeApi } from './life.ts';
import { orgApi } from './org.ts';
import { routineApi } from './routine.ts';
import { systemApi } from './system.ts';
import { workbookApi } from './workbook.ts';

/** The whole contract: every method the UI, the bridge and the CLI can call. */
export const api = {
  ...systemApi,
  ...orgApi,
  ...lifeApi,
  ...complianceApi,
  ...routineApi,
  ...duesApi,
  ...developmentApi,
  ...electionsApi,
  ...exportApi,
  ...assessmentApi,
  ...committeeApi,
  ...workbookApi,
};

export type Api = typeof api;
export type MethodName = keyof Api;
export type Input<M extends MethodName> = InputOf<Api[M]>;
export type Output<M extends MethodName> = OutputOf<Api[M]>;

export const methodNames = Object.keys(api) as MethodName[];

export function isMethodName(value: string): value is MethodName {
  return Object.hasOwn(api, value);
}

/** What window.ledger (Electron preload) exposes: exactly one function per contract method. */
export type LedgerBridge = {
  [M in MethodName]: (input: Input<M>) => Promise<import('./contract.ts').ApiResult<Output<M>>>;
};

export * from './assessment.ts';
export * from './committee.ts';
export * from './compliance.ts';
export type { ApiResult, ProgressEvent } from './contract.ts';
export * from './development.ts';
export * from './dues.ts';
export * from './elections.ts';
export * from './export.ts';
export * from './life.ts';
export * from './org.ts';
export * from './routine.ts';
export * from './system.ts';
export * from './workbook.ts';
