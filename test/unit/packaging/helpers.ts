import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';

/**
 * Shared by the packaging tests: the project root, and electron-builder's own modules (its config
 * loader and schema validator, its file matchers, its YAML parser), loaded the way electron-builder
 * loads them, so the tests judge the configuration with electron-builder's rules, not ours.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const INSTALLER_CONFIG = 'electron-builder.cjs';
export const PORTABLE_CONFIG = 'electron-builder.portable.cjs';

const requireHere = createRequire(import.meta.url);
/** Resolves modules the way app-builder-lib does (its own dependencies: ajv, js-yaml, minimatch, …). */
export const requireFromBuilder = createRequire(requireHere.resolve('app-builder-lib/package.json'));

interface DebugLogger {
  isEnabled: boolean;
  add(key: string, value: unknown): void;
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: DebugLogger): Promise<void>;
}

const configModule = requireFromBuilder('./out/util/config/config.js') as ConfigModule;
const quietLogger: DebugLogger = { isEnabled: false, add: () => {} };

/** A configuration file as the electron-builder CLI reads it (`--config FILE`), merged and normalised. */
export function loadConfig(file: string): Promise<Configuration> {
  return configModule.getConfig(ROOT, file, null);
}

/** electron-builder's own validation (its scheme.json through its ajv), as run before every build. */
export function validateConfig(config: Configuration): Promise<void> {
  return configModule.validateConfiguration(config, quietLogger);
}

/**
 * The configuration object exactly as the file exports it, freshly loaded (electron-builder
 * normalises the `files` arrays of a configuration in place, and the portable one requires the other).
 */
export function rawConfig(file: string): Configuration {
  for (const config of [INSTALLER_CONFIG, PORTABLE_CONFIG]) delete requireHere.cache[path.join(ROOT, config)];
  return requireHere(path.join(ROOT, file)) as Configuration;
}

export interface AfterPackModule {
  afterPack(context: unknown): Promise<void>;
  checkPackedApp(options: {
    platform: string;
    arch: string;
    appOutDir: string;
    resourcesDir: string;
    electronExecutable: string | null;
    electronAbi: number;
    targets: string[];
    portableMarkerDeclared: boolean;
  }): string[];
  declaresPortableMarker(config: Configuration): boolean;
  describeBinary(buffer: Buffer): { format: 'elf' | 'pe' | 'macho' | null; archs: string[] };
  glibcRequirements(buffer: Buffer): string[];
  moduleAbis(buffer: Buffer): number[];
  compareVersions(a: string, b: string): number;
  electronAbiOf(projectDir: string): number;
  NATIVE_BINDINGS: string[];
  RUNTIME_MODULES: string[];
  PORTABLE_MARKER: string;
}

export const afterPackModule = requireHere(path.join(ROOT, 'build', 'after-pack.cjs')) as AfterPackModule;
