export interface ElectronLookup {
  electronDir: string;
  env: Readonly<Record<string, string | undefined>>;
  exists(file: string): boolean;
  readText(file: string): string;
  platform: NodeJS.Platform;
}
export function electronBinaryPath(lookup: ElectronLookup): string | null;

export function nativeStamp(stamp: {
  electronVersion: string;
  abi: string;
  betterSqlite3Version: string;
  platform: NodeJS.Platform;
  arch: string;
}): string;

export function runtimeMissingMessage(): string;
export function nativeBuildInstructions(target: { electronVersion: string; arch: string }): string;

export function urlFromLine(line: string): string | null;
export function isLoopbackUrl(value: unknown): boolean;

export interface OpenCommand {
  command: string;
  args: string[];
  windowsVerbatimArguments: boolean;
}
export function browserOpenCommand(url: string, platform: NodeJS.Platform): OpenCommand | null;

export const WEB_USAGE: string;
export interface WebOptions {
  db: string | undefined;
  port: number | undefined;
  open: boolean;
  help: boolean;
}
export function parseWebArgs(
  argv: readonly string[],
): { ok: true; options: WebOptions; forward: string[] } | { ok: false; error: string };

export const START_USAGE: string;
export interface StartOptions {
  db: string | undefined;
  web: boolean;
  open: boolean;
  help: boolean;
}
export function parseStartArgs(
  argv: readonly string[],
): { ok: true; options: StartOptions } | { ok: false; error: string };

export function electronChildEnv(
  env: Readonly<Record<string, string | undefined>>,
  db: string | undefined,
): Record<string, string | undefined>;

export function resolveUserPath(value: string, env: Readonly<Record<string, string | undefined>>, cwd: string): string;
