import type { BuildOptions } from 'esbuild';

export const PROJECT_ROOT: string;
export const OUT_DIR: string;
export const RENDERER_OUT: string;
export function mainBuildOptions(): BuildOptions;
export function workerBuildOptions(): BuildOptions;
export function buildWorker(): Promise<void>;
export function parseWorkerBuildOptions(): BuildOptions;
export function buildParseWorker(): Promise<void>;
export function preloadBuildOptions(): Promise<BuildOptions>;
export function contractMethodNames(): Promise<string[]>;
export function buildMain(): Promise<void>;
export function buildPreload(): Promise<void>;
export function rendererIsBuilt(): boolean;
export function buildRenderer(): void;
export function build(options?: { electron?: boolean; renderer?: 'if-missing' | 'always' | 'never' }): Promise<void>;
