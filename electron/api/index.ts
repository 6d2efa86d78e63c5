import { assessmentApi } from './assessment.ts';
import { committeeApi } from './committee.ts';
import { complianceApi } from './compliance.ts';
import type { InputOf, OutputOf } from './contract.ts';
import { developmentApi } from './development.ts';
import { documentSettingsApi } from './document-settings.ts';
import { documentsApi } from './documents.ts';
import { duesApi } from './dues.ts';
import { dutiesApi } from './duties.ts';
import { electionsApi } from './elections.ts';
import { exemplaryApi } from './exemplary.ts';
import { exportApi } from './export.ts';
import { importsApi } from './imports.ts';
import { lifeApi } from './life.ts';
import { orgApi } from './org.ts';
import { packageApi } from './package.ts';
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
  ...documentSettingsApi,
  ...documentsApi,
  ...assessmentApi,
  ...committeeApi,
  ...workbookApi,
  ...importsApi,
  ...dutiesApi,
  ...exemplaryApi,
  ...packageApi,
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
export * from './document-settings.ts';
export * from './documents.ts';
export * from './dues.ts';
export * from './duties.ts';
export * from './elections.ts';
export * from './exemplary.ts';
export * from './export.ts';
export * from './imports.ts';
export * from './life.ts';
export * from './org.ts';
export * from './package.ts';
export * from './routine.ts';
export * from './system.ts';
export * from './workbook.ts';
