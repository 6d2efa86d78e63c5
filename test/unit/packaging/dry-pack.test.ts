import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPackModule, INSTALLER_CONFIG, PORTABLE_CONFIG, ROOT, rawConfig, requireFromBuilder } from './helpers.ts';

/**
 * electron-builder itself, run on a copy of the project with a stand-in for the Electron runtime
 * (which cannot be downloaded here): it collects the files and node_modules, packs app.asar,
 * unpacks the native module and copies the extra files exactly as a release build does, only
 * without rebuilding better-sqlite3, flipping fuses or making an installer. What it packed is then
 * judged by build/after-pack.cjs and listed here.
 */

const require = createRequire(import.meta.url);
const { build, Platform, Arch } = require('electron-builder') as {
  build(options: { projectDir: string; targets: unknown; config: Configuration; publish: 'never' }): Promise<string[]>;
  Platform: Record<'LINUX' | 'WINDOWS', { createTarget(type: string, arch: number): unknown }>;
  Arch: Record<'x64', number>;
};
const { setPrinter } = requireFromBuilder('builder-util') as {
  setPrinter(printer: ((m: string) => void) | null): void;
};
const asar = requireFromBuilder('@electron/asar') as {
  getRawHeader(archive: string): { header: AsarNode };
};
interface AsarNode {
  files?: Record<string, AsarNode>;
  unpacked?: boolean;
}

const work = mkdtempSync(path.join(tmpdir(), 'dry-pack-'));
const project = path.join(work, 'project');
const NODE_BUILD = path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

function write(relative: string, content: string | Buffer, root = project) {
  const file = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** The project as it stands before `electron-builder` runs: built output, sources, tests and leftovers. */
function stageProject() {
  for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(ROOT, file), path.join(project, file));
  cpSync(path.join(ROOT, 'templates'), path.join(project, 'templates'), { recursive: true });
  cpSync(path.join(ROOT, 'build'), path.join(project, 'build'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'junction');
  // npm trusts its hidden lockfile only when it is newer than every package folder. Right after a fresh
  // `npm install`, better-sqlite3's build step has touched its folder after the lockfile was written, so
  // `npm list` (electron-builder's module collector) falls back to reading the symlinked tree and calls
  // every package extraneous. The lockfile does describe the tree: mark it as current.
  const hiddenLockfile = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(hiddenLockfile)) utimesSync(hiddenLockfile, new Date(), new Date());
  const files: Record<string, string> = {
    'out/electron/main.cjs': '"use strict";\n//# sourceMappingURL=main.cjs.map',
    'out/electron/main.cjs.map': '{"sourcesContent":["secret sources"]}',
    'out/electron/preload.cjs': '"use strict";',
    'out/electron/export-worker.cjs': '"use strict";',
    'out/electron/parse-worker.cjs': '"use strict";',
    'out/renderer/index.html': '<!doctype html>',
    'out/renderer/assets/index.js': '',
    'out/renderer/assets/index.js.map': '{}',
    // What `npm start` leaves behind: the development Electron build and its scratch copy.
    'out/native/electron/better_sqlite3.node': 'the development build, for another Electron or CPU',
    'out/native/electron/stamp.json': '{}',
    'out/native/work/better-sqlite3/package.json': '{}',
    'electron/main/main.ts': '',
    'electron/core/ledger.ts': '',
    'electron/launch/build.mjs': '',
    'renderer/index.html': '',
    'renderer/src/main.tsx': '',
    'test/unit/example.test.ts': '',
    'test/fixtures/roster.xlsx': '',
    'test-output/screenshot.png': '',
    'release/branch-ledger-0.0.9-win-x64-setup.exe': '',
    '.github/workflows/release.yml': '',
    'README.md': '',
    'biome.json': '{}',
    'tsconfig.json': '{}',
    'vitest.config.ts': '',
    'electron-builder.portable.cjs': '',
  };
  for (const [relative, content] of Object.entries(files)) write(relative, content);
}

/** Electron's unpacked runtime as electron-builder copies it; the executables are stand-ins. */
function fakeElectron(platform: 'linux' | 'win32'): string {
  const dist = path.join(work, `electron-${platform}`);
  write(platform === 'win32' ? 'electron.exe' : 'electron', 'stand-in for the Electron executable', dist);
  for (const locale of ['zh-CN', 'en-US', 'fr', 'de', 'ja']) write(`locales/${locale}.pak`, '', dist);
  write('LICENSE', '', dist);
  mkdirSync(path.join(dist, 'resources'), { recursive: true });
  return dist;
}

interface Packed {
  appOutDir: string;
  resourcesDir: string;
  targets: string[];
  portableMarkerDeclared: boolean;
}

/** Runs electron-builder for one platform's `dir` target and returns what afterPack saw. */
async function pack(configFile: string, platform: 'linux' | 'win32'): Promise<Packed> {
  const base = rawConfig(configFile);
  let packed: Packed | undefined;
  const config: Configuration = {
    ...base,
    directories: {
      output: path.join(work, `release-${path.basename(configFile)}-${platform}`),
      buildResources: 'build',
    },
    electronDist: fakeElectron(platform),
    // Offline stand-ins: no rebuild (it needs Electron's headers), no fuses (they need the real executable).
    npmRebuild: false,
    electronFuses: null,
    ...(platform === 'win32' ? { disableAsarIntegrity: true, win: { ...base.win, signAndEditExecutable: false } } : {}),
    afterPack: async (context) => {
      packed = {
        appOutDir: context.appOutDir,
        resourcesDir: context.packager.getResourcesDir(context.appOutDir),
        targets: context.targets.map((target) => target.name),
        portableMarkerDeclared: afterPackModule.declaresPortableMarker(context.packager.config),
      };
    },
  };
  const targets = (platform === 'win32' ? Platform.WINDOWS : Platform.LINUX).createTarget('dir', Arch.x64);
  // electron-builder's log goes to the failure message only.
  const log: string[] = [];
  setPrinter((message) => log.push(message));
  try {
    await build({ projectDir: project, targets, config, publish: 'never' });
  } catch (error) {
    throw new Error(`electron-builder failed: ${(error as Error).message}\n${log.join('\n')}`);
  } finally {
    setPrinter(null);
  }
  if (!packed) throw new Error('afterPack was not called');
  return packed;
}

function asarFiles(resourcesDir: string): Map<string, { unpacked: boolean }> {
  const files = new Map<string, { unpacked: boolean }>();
  const walk = (node: AsarNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      if (child.files) walk(child, relative);
      else files.set(relative, { unpacked: child.unpacked === true });
    }
  };
  walk(asar.getRawHeader(path.join(resourcesDir, 'app.asar')).header, '');
  return files;
}

let linux: Packed;
let files: Map<string, { unpacked: boolean }>;

beforeAll(async () => {
  stageProject();
  linux = await pack(INSTALLER_CONFIG, 'linux');
  files = asarFiles(linux.resourcesDir);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the package electron-builder makes from this configuration', () => {
  it('passes every check of build/after-pack.cjs (with better-sqlite3 as built for this Node, since nothing is rebuilt here)', () => {
    expect(
      afterPackModule.checkPackedApp({
        ...linux,
        platform: 'linux',
        arch: 'x64',
        electronExecutable: null,
        electronAbi: Number(process.versions.modules),
      }),
    ).toEqual([]);
  });

  it('would stop a release build whose better-sqlite3 was not rebuilt for Electron', () => {
    const problems = afterPackModule.checkPackedApp({
      ...linux,
      platform: 'linux',
      arch: 'x64',
      electronExecutable: null,
      electronAbi: afterPackModule.electronAbiOf(ROOT),
    });
    expect(problems).toHaveLength(2);
    for (const problem of problems) expect(problem).toMatch(/not Electron's \d+/);
  });

  it('contains the bundles, the renderer, the templates and package.json', () => {
    for (const file of [
      'package.json',
      'out/electron/main.cjs',
      'out/electron/preload.cjs',
      // The worker threads, started by path from inside app.asar (run-parse.ts, worker-pool.ts).
      'out/electron/export-worker.cjs',
      'out/electron/parse-worker.cjs',
      'out/renderer/index.html',
    ]) {
      expect(files.has(file), file).toBe(true);
    }
    const templates = readdirSync(path.join(ROOT, 'templates'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) expect(files.has(template), template).toBe(true);
  });

  it('contains no sources, tests, source maps, project files or development leftovers', () => {
    const outside = [...files.keys()].filter(
      (file) => !/^(package\.json|out\/(electron|renderer|native\/electron)\/|templates\/|node_modules\/)/.test(file),
    );
    expect(outside).toEqual([]);
    expect([...files.keys()].filter((file) => /\.(ts|tsx|map)$/.test(file))).toEqual([]);
    expect([...files.keys()].filter((file) => file.startsWith('out/native/'))).toEqual([
      'out/native/electron/better_sqlite3.node',
    ]);
  });

  it('carries of node_modules only what the bundled main process requires, and no C sources', () => {
    const modules = new Set([...files.keys()].filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1]));
    expect([...modules].sort()).toEqual([...afterPackModule.RUNTIME_MODULES].sort());
    const sqlite = [...files.keys()].filter((f) => f.startsWith('node_modules/better-sqlite3/'));
    expect(sqlite.filter((f) => !f.startsWith('node_modules/better-sqlite3/lib/'))).toEqual([
      'node_modules/better-sqlite3/LICENSE',
      'node_modules/better-sqlite3/package.json',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ]);
  });

  it('puts better-sqlite3 as built for the target where the app loads it, outside the archive', () => {
    for (const binding of afterPackModule.NATIVE_BINDINGS) {
      expect(files.get(binding), binding).toEqual({ unpacked: true });
      const unpacked = readFileSync(path.join(linux.resourcesDir, 'app.asar.unpacked', ...binding.split('/')));
      // The copy from node_modules (what npmRebuild rebuilt), never the development build in out/native.
      expect(unpacked.equals(readFileSync(NODE_BUILD)), binding).toBe(true);
    }
  });

  it('keeps only the Chinese and English Chromium locales', () => {
    expect(readdirSync(path.join(linux.appOutDir, 'locales')).sort()).toEqual(['en-US.pak', 'zh-CN.pak']);
  });

  it('names the Linux executable branch-ledger', () => {
    expect(existsSync(path.join(linux.appOutDir, 'branch-ledger'))).toBe(true);
  });
});

describe('the Windows editions electron-builder makes', () => {
  it('puts no portable marker beside the installer’s executable', async () => {
    const installer = await pack(INSTALLER_CONFIG, 'win32');
    expect(existsSync(path.join(installer.appOutDir, '党支部工作台账.exe'))).toBe(true);
    expect(existsSync(path.join(installer.appOutDir, 'portable.txt'))).toBe(false);
    expect(installer.portableMarkerDeclared).toBe(false);
  });

  it('puts portable.txt beside 党支部工作台账.exe in the portable edition, with the same app inside', async () => {
    const portable = await pack(PORTABLE_CONFIG, 'win32');
    expect(existsSync(path.join(portable.appOutDir, '党支部工作台账.exe'))).toBe(true);
    expect(readFileSync(path.join(portable.appOutDir, 'portable.txt'), 'utf8')).toBe(
      readFileSync(path.join(ROOT, 'build', 'portable.txt'), 'utf8'),
    );
    expect(portable.portableMarkerDeclared).toBe(true);
    expect([...asarFiles(portable.resourcesDir).keys()].sort()).toEqual([...files.keys()].sort());
  });
});
