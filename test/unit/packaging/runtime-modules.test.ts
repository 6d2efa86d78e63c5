import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mainBuildOptions, parseWorkerBuildOptions, workerBuildOptions } from '../../../electron/launch/build.mjs';
import { afterPackModule, ROOT } from './helpers.ts';

/**
 * The installer carries only the node_modules the main bundle still requires at run time
 * (electron-builder.cjs `files`, build/after-pack.cjs RUNTIME_MODULES). This derives that list
 * from the real bundle and the real packages, so a new external or a new dependency of
 * better-sqlite3 cannot silently go missing from the installed app.
 */

const require = createRequire(import.meta.url);
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Bare `require('x')` specifiers of a package's own JavaScript (not its tests or build scripts). */
function requiresOf(packageDir: string, dirs: string[]): string[] {
  const found = new Set<string>();
  for (const dir of dirs) {
    const root = path.join(packageDir, dir);
    const entries = dir.endsWith('.js')
      ? [root]
      : readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile() && e.name.endsWith('.js'))
          .map((e) => path.join(e.parentPath, e.name));
    for (const file of entries) {
      for (const match of readFileSync(file, 'utf8').matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const specifier = match[1] ?? '';
        if (!specifier.startsWith('.') && !BUILTINS.has(specifier)) found.add(packageName(specifier));
      }
    }
  }
  return [...found].sort();
}

describe('the modules the installed app requires at run time', () => {
  it('are, for the main bundle, only electron (the runtime itself) and better-sqlite3', async () => {
    const result = await esbuild.build({ ...mainBuildOptions(), write: false, metafile: true, sourcemap: false });
    const externals = new Set<string>();
    for (const output of Object.values(result.metafile?.outputs ?? {})) {
      for (const imported of output.imports) {
        if (imported.external && !BUILTINS.has(imported.path)) externals.add(packageName(imported.path));
      }
    }
    expect([...externals].sort()).toEqual(['better-sqlite3', 'electron']);
  });

  it('are, for the worker bundles (export and parse), at most better-sqlite3', async () => {
    for (const options of [workerBuildOptions(), parseWorkerBuildOptions()]) {
      const result = await esbuild.build({ ...options, write: false, metafile: true, sourcemap: false });
      const externals = new Set<string>();
      for (const output of Object.values(result.metafile?.outputs ?? {})) {
        for (const imported of output.imports) {
          if (imported.external && !BUILTINS.has(imported.path)) externals.add(packageName(imported.path));
        }
      }
      // A worker never loads electron; anything else would be missing from app.asar.
      expect(
        [...externals].filter((m) => m !== 'better-sqlite3'),
        String(options.outfile),
      ).toEqual([]);
    }
  });

  it('are, for better-sqlite3 and what it requires, exactly the modules the package keeps', () => {
    const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [ROOT] }));
    expect(requiresOf(sqliteDir, ['lib'])).toEqual(['bindings']);
    const bindingsDir = path.dirname(require.resolve('bindings/package.json', { paths: [sqliteDir] }));
    expect(requiresOf(bindingsDir, ['bindings.js'])).toEqual(['file-uri-to-path']);
    const uriDir = path.dirname(require.resolve('file-uri-to-path/package.json', { paths: [bindingsDir] }));
    expect(requiresOf(uriDir, ['index.js'])).toEqual([]);
    expect([...afterPackModule.RUNTIME_MODULES].sort()).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
  });
});
