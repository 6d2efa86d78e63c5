import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ELF_ARM64, ELF_X64, elf, fatMacho, MACHO_ARM64, MACHO_X64, macho, PE_ARM64, PE_X64, pe } from './binaries.ts';
import { afterPackModule, ROOT, requireFromBuilder } from './helpers.ts';

/**
 * build/after-pack.cjs, the last gate before fuses, signing and installers: what it reads from
 * binaries, and what it refuses in a packed app (built here as a real asar archive).
 */

const { checkPackedApp, describeBinary, glibcRequirements, moduleAbis, afterPack } = afterPackModule;
const asar = requireFromBuilder('@electron/asar') as {
  createPackageWithOptions(src: string, dest: string, options: { unpack?: string }): Promise<void>;
};

const ELECTRON_ABI = 150;
const REGISTER = (abi: number) => `node_register_module_v${abi}`;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'after-pack-'));
  temps.push(dir);
  return dir;
}

function write(root: string, relative: string, content: string | Buffer) {
  const file = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const APP_FILES: Record<string, string> = {
  'package.json': '{"name":"branch-ledger","main":"out/electron/main.cjs"}',
  'out/electron/main.cjs': '"use strict";',
  'out/electron/preload.cjs': '"use strict";',
  'out/electron/export-worker.cjs': '"use strict";',
  'out/electron/parse-worker.cjs': '"use strict";',
  'out/renderer/index.html': '<!doctype html>',
  'templates/pack.json': '{}',
  'node_modules/better-sqlite3/package.json': '{}',
  'node_modules/better-sqlite3/lib/index.js': '',
  'node_modules/bindings/bindings.js': '',
  'node_modules/file-uri-to-path/index.js': '',
};

interface PackedApp {
  binding?: Buffer;
  extra?: Record<string, string>;
  omit?: string[];
  unpack?: boolean;
  marker?: boolean;
  electron?: Buffer;
}

/** A packed Linux x64 app folder (resources/app.asar + app.asar.unpacked) and the options to check it. */
async function packedApp(app: PackedApp = {}) {
  const dir = temp();
  const stage = path.join(dir, 'stage');
  const appOutDir = path.join(dir, 'linux-unpacked');
  const resourcesDir = path.join(appOutDir, 'resources');
  const binding = app.binding ?? elf({ machine: ELF_X64, glibc: ['2.2.5', '2.17'], strings: [REGISTER(ELECTRON_ABI)] });
  const files: Record<string, string | Buffer> = {
    ...APP_FILES,
    'out/native/electron/better_sqlite3.node': binding,
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node': binding,
    ...app.extra,
  };
  for (const omitted of app.omit ?? []) delete files[omitted];
  for (const [relative, content] of Object.entries(files)) write(stage, relative, content);
  mkdirSync(resourcesDir, { recursive: true });
  await asar.createPackageWithOptions(
    stage,
    path.join(resourcesDir, 'app.asar'),
    app.unpack === false ? {} : { unpack: '*.node' },
  );
  const electron = app.electron ?? elf({ machine: ELF_X64, glibc: ['2.2.5', '2.17', '2.28'] });
  write(appOutDir, 'branch-ledger', electron);
  if (app.marker) write(appOutDir, 'portable.txt', 'portable');
  return {
    platform: 'linux',
    arch: 'x64',
    appOutDir,
    resourcesDir,
    electronExecutable: path.join(appOutDir, 'branch-ledger'),
    electronAbi: ELECTRON_ABI,
    targets: ['deb', 'AppImage'],
    portableMarkerDeclared: false,
  };
}

describe('reading native binaries', () => {
  it('tells the object format and CPU of ELF, PE and Mach-O files', () => {
    expect(describeBinary(elf({ machine: ELF_X64 }))).toEqual({ format: 'elf', archs: ['x64'] });
    expect(describeBinary(elf({ machine: ELF_ARM64 }))).toEqual({ format: 'elf', archs: ['arm64'] });
    expect(describeBinary(pe({ machine: PE_X64 }))).toEqual({ format: 'pe', archs: ['x64'] });
    expect(describeBinary(pe({ machine: PE_ARM64 }))).toEqual({ format: 'pe', archs: ['arm64'] });
    expect(describeBinary(macho({ cpu: MACHO_X64 }))).toEqual({ format: 'macho', archs: ['x64'] });
    expect(describeBinary(macho({ cpu: MACHO_ARM64 }))).toEqual({ format: 'macho', archs: ['arm64'] });
    expect(describeBinary(fatMacho([MACHO_X64, MACHO_ARM64]))).toEqual({ format: 'macho', archs: ['x64', 'arm64'] });
    expect(describeBinary(Buffer.from('#!/bin/sh\n'))).toEqual({ format: null, archs: [] });
  });

  it('lists the glibc versions an ELF file requires, in version order', () => {
    expect(glibcRequirements(elf({ machine: ELF_X64, glibc: ['2.28', '2.2.5', '2.17', '2.14'] }))).toEqual([
      '2.2.5',
      '2.14',
      '2.17',
      '2.28',
    ]);
    expect(glibcRequirements(elf({ machine: ELF_X64 }))).toEqual([]);
    expect(glibcRequirements(pe({ machine: PE_X64 }))).toEqual([]);
  });

  it('finds the module ABI a Node addon was built for', () => {
    expect(moduleAbis(pe({ machine: PE_X64, strings: [REGISTER(150)] }))).toEqual([150]);
    expect(moduleAbis(macho({ cpu: MACHO_ARM64, strings: [REGISTER(115)] }))).toEqual([115]);
  });

  it('reads the real better-sqlite3 binary in node_modules (built for this Node)', () => {
    const real = readFileSync(path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    const expectedFormat = { win32: 'pe', darwin: 'macho' }[process.platform as string] ?? 'elf';
    expect(describeBinary(real)).toMatchObject({ format: expectedFormat });
    expect(describeBinary(real).archs).toContain(process.arch);
    expect(moduleAbis(real)).toContain(Number(process.versions.modules));
    if (process.platform === 'linux') {
      const versions = glibcRequirements(real);
      expect(versions.length).toBeGreaterThan(0);
      // Cross-checked with binutils where it is installed.
      const readelf = spawnSync(
        'readelf',
        ['--version-info', '--wide', path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')],
        {
          encoding: 'utf8',
        },
      );
      if (readelf.status === 0) {
        const fromReadelf = [...new Set([...readelf.stdout.matchAll(/Name: GLIBC_([\d.]+)/g)].map((m) => m[1]))];
        expect([...versions].sort()).toEqual(fromReadelf.sort());
      }
    }
  });
});

describe('checking a packed app', () => {
  it('passes a package with the Electron build of better-sqlite3 for the right CPU, unpacked, and nothing else', async () => {
    expect(checkPackedApp(await packedApp())).toEqual([]);
  });

  it('refuses the Node build of better-sqlite3 (the app could not open the ledger)', async () => {
    const problems = checkPackedApp(
      await packedApp({ binding: elf({ machine: ELF_X64, glibc: ['2.17'], strings: [REGISTER(115)] }) }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /out\/native\/electron\/better_sqlite3\.node is built for module ABI 115, not Electron's 150/,
    );
  });

  it('refuses a binary for another CPU or another OS', async () => {
    const arm = checkPackedApp(
      await packedApp({ binding: elf({ machine: ELF_ARM64, strings: [REGISTER(ELECTRON_ABI)] }) }),
    );
    expect(arm.join('\n')).toMatch(/built for arm64, not x64/);
    const windows = checkPackedApp(
      await packedApp({ binding: pe({ machine: PE_X64, strings: [REGISTER(ELECTRON_ABI)] }) }),
    );
    expect(windows.join('\n')).toMatch(/is pe, not elf for linux/);
  });

  it('refuses a better-sqlite3 that needs a newer glibc than Electron itself (UOS and Kylin have glibc 2.28)', async () => {
    const tooNew = elf({ machine: ELF_X64, glibc: ['2.17', '2.34'], strings: [REGISTER(ELECTRON_ABI)] });
    const problems = checkPackedApp(await packedApp({ binding: tooNew }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/needs glibc 2\.34 but Electron itself needs only 2\.28/);
  });

  it('refuses native binaries left inside the archive', async () => {
    const problems = checkPackedApp(await packedApp({ unpack: false }));
    expect(problems.join('\n')).toMatch(/better_sqlite3\.node is inside app\.asar/);
  });

  it('refuses sources, tests, source maps, unused modules and native sources in the archive', async () => {
    const problems = checkPackedApp(
      await packedApp({
        extra: {
          'electron/main/main.ts': '',
          'renderer/src/main.tsx': '',
          'test/unit/a.test.ts': '',
          'out/electron/main.cjs.map': '{}',
          'out/native/electron/stamp.json': '{}',
          'node_modules/zod/index.js': '',
          'node_modules/@esbuild/linux-x64/bin/esbuild': '',
          'node_modules/better-sqlite3/src/better_sqlite3.cpp': '',
          'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c': '',
          'node_modules/better-sqlite3/build/Release/test_extension.node': '',
        },
      }),
    ).join('\n');
    for (const expected of [
      'project sources, tests or build files: electron/main/main.ts',
      'project sources, tests or build files: renderer/src/main.tsx',
      'project sources, tests or build files: test/unit/a.test.ts',
      'TypeScript sources or source maps: out/electron/main.cjs.map',
      'the development build of the native module: out/native/electron/stamp.json',
      'node_modules/zod, which the bundled main process never requires',
      'node_modules/@esbuild/linux-x64, which the bundled main process never requires',
      'the C sources of better-sqlite3: node_modules/better-sqlite3/src/better_sqlite3.cpp',
      'the C sources of better-sqlite3: node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'build leftovers of better-sqlite3: node_modules/better-sqlite3/build/Release/test_extension.node',
    ]) {
      expect(problems).toContain(expected);
    }
  });

  it('refuses a package without what the app loads', async () => {
    const problems = checkPackedApp(
      await packedApp({
        omit: ['out/renderer/index.html', 'out/native/electron/better_sqlite3.node', 'out/electron/parse-worker.cjs'],
      }),
    );
    expect(problems).toContain('app.asar lacks out/renderer/index.html');
    // Without it every package and workbook verify or import would fail in the installed app.
    expect(problems).toContain('app.asar lacks out/electron/parse-worker.cjs');
    expect(problems).toContain('app.asar lacks out/native/electron/better_sqlite3.node');
    expect(problems.join('\n')).toMatch(/app\.asar\.unpacked.*better_sqlite3\.node is missing/);
  });

  it('allows the portable marker only in an archive, and requires it in the portable edition', async () => {
    const installer = { ...(await packedApp({ marker: true })), targets: ['nsis'] };
    expect(checkPackedApp(installer).join('\n')).toMatch(
      /portable\.txt is beside the executable of an installer build \(nsis\)/,
    );
    const portable = { ...(await packedApp({ marker: true })), targets: ['zip'], portableMarkerDeclared: true };
    expect(checkPackedApp(portable)).toEqual([]);
    const unmarked = { ...(await packedApp()), targets: ['zip'], portableMarkerDeclared: true };
    expect(checkPackedApp(unmarked)).toEqual(['the portable edition has no portable.txt beside the executable']);
  });
});

describe('the afterPack hook', () => {
  /** A project folder with just the electron package (its ABI) and electron-builder's context for one arch. */
  async function context(app: PackedApp = {}) {
    const options = await packedApp(app);
    const projectDir = temp();
    write(projectDir, 'node_modules/electron/package.json', '{"name":"electron","version":"45.4.1"}');
    write(projectDir, 'node_modules/electron/abi_version', `${ELECTRON_ABI}\n`);
    return {
      appOutDir: options.appOutDir,
      electronPlatformName: 'linux',
      arch: 1, // builder-util Arch.x64
      targets: [{ name: 'deb' }, { name: 'AppImage' }],
      packager: {
        projectDir,
        executableName: 'branch-ledger',
        config: {},
        getResourcesDir: (appOutDir: string) => path.join(appOutDir, 'resources'),
      },
    };
  }

  it('reads Electron’s ABI from the electron package and lets a sound package through', async () => {
    const ctx = await context();
    expect(afterPackModule.electronAbiOf(ctx.packager.projectDir)).toBe(ELECTRON_ABI);
    await expect(afterPack(ctx)).resolves.toBeUndefined();
  });

  it('stops the build, listing every problem', async () => {
    const ctx = await context({ binding: elf({ machine: ELF_ARM64, strings: [REGISTER(115)] }) });
    await expect(afterPack(ctx)).rejects.toThrow(/The linux-x64 package is not fit to ship:\n {2}- .*arm64, not x64/);
  });

  it('is the hook the configuration installs', () => {
    const require = createRequire(import.meta.url);
    const config = require(path.join(ROOT, 'electron-builder.cjs')) as { afterPack: unknown };
    expect(config.afterPack).toBe(afterPack);
  });
});
