'use strict';
// electron-builder `afterPack` hook (see electron-builder.cjs). It runs once per platform and
// architecture after the app folder is assembled and before fuses are flipped and anything is
// signed or wrapped into an installer, and refuses to go on when the package would not work on a
// clerk's machine or carries what it must not:
//   - better-sqlite3 for the wrong runtime (Node instead of Electron), OS or CPU: the app could
//     not open the ledger at all;
//   - on Linux, a better-sqlite3 linked against a newer glibc than Electron itself needs: it would
//     not load on UOS / Kylin even though Electron runs there;
//   - sources, tests, source maps or node_modules the bundle does not use inside app.asar;
//   - the portable marker in anything but a portable archive (an installed app would keep its
//     ledger in the program folder, which uninstalling deletes), or no marker in a portable one.
// Plain CommonJS with no dependencies beyond electron-builder's own: it runs inside electron-builder.

const fs = require('node:fs');
const path = require('node:path');

/** builder-util's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Beside the executable, turns a build portable (electron/core/paths.ts PORTABLE_MARKER). */
const PORTABLE_MARKER = 'portable.txt';

/** Archive targets: the only ones a portable marker may ship in. */
const ARCHIVE_TARGETS = new Set(['zip', '7z', 'tar.gz', 'tar.xz', 'tar.bz2', 'dir']);

/**
 * The two copies of better-sqlite3's binary inside app.asar.unpacked. The app loads the first
 * through `nativeBinding` (electron/main/app-paths.ts); better-sqlite3 loads the second by itself
 * whenever a Database is opened without `nativeBinding` (e.g. checking a backup before a restore).
 */
const NATIVE_BINDINGS = [
  'out/native/electron/better_sqlite3.node',
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
];

/** What the main bundle still requires at run time (esbuild externals and their own dependencies). */
const RUNTIME_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

const REQUIRED_IN_ASAR = [
  'package.json',
  'out/electron/main.cjs',
  'out/electron/preload.cjs',
  // Worker threads the main process starts by path (jobs/worker-pool.ts `startWorker`). Electron ≥ 18
  // starts a worker from inside app.asar (electron/electron#33216), so they need no asarUnpack.
  'out/electron/export-worker.cjs',
  'out/electron/parse-worker.cjs',
  'out/renderer/index.html',
  'templates/pack.json',
  'node_modules/better-sqlite3/package.json',
  'node_modules/better-sqlite3/lib/index.js',
  'node_modules/bindings/bindings.js',
  ...NATIVE_BINDINGS,
];

/** Paths (relative, with /) that must never be inside app.asar. Each with the reason shown on failure. */
const FORBIDDEN_IN_ASAR = [
  [/^(electron|renderer|test|build|release|test-output|\.github|\.ci)\//, 'project sources, tests or build files'],
  [/\.(ts|tsx|mts|cts|map)$/, 'TypeScript sources or source maps'],
  [/^out\/native\/(?!electron\/better_sqlite3\.node$)/, 'the development build of the native module'],
  [/^node_modules\/better-sqlite3\/(deps|src)\//, 'the C sources of better-sqlite3'],
  [/^node_modules\/better-sqlite3\/build\/(?!Release\/better_sqlite3\.node$)/, 'build leftovers of better-sqlite3'],
];

// ─── binaries ────────────────────────────────────────────────────────────────────────────────

const ELF_MACHINES = { 3: 'ia32', 40: 'armv7l', 62: 'x64', 183: 'arm64', 258: 'loong64' };
const PE_MACHINES = { 332: 'ia32', 452: 'armv7l', 34404: 'x64', 43620: 'arm64' };
const MACHO_CPUS = { 7: 'ia32', 12: 'armv7l', 16777223: 'x64', 16777228: 'arm64' };

/**
 * The object format and CPU architecture(s) of an executable or shared library, from its header.
 * @param {Buffer} buffer
 * @returns {{ format: 'elf' | 'pe' | 'macho' | null, archs: string[] }}
 */
function describeBinary(buffer) {
  if (buffer.length >= 20 && buffer.readUInt32BE(0) === 0x7f454c46) {
    const littleEndian = buffer[5] === 1;
    const machine = littleEndian ? buffer.readUInt16LE(18) : buffer.readUInt16BE(18);
    return { format: 'elf', archs: [ELF_MACHINES[machine] ?? `elf-machine-${machine}`] };
  }
  if (buffer.length >= 0x40 && buffer.toString('latin1', 0, 2) === 'MZ') {
    const peOffset = buffer.readUInt32LE(0x3c);
    if (peOffset + 6 <= buffer.length && buffer.readUInt32BE(peOffset) === 0x50450000) {
      const machine = buffer.readUInt16LE(peOffset + 4);
      return { format: 'pe', archs: [PE_MACHINES[machine] ?? `pe-machine-${machine.toString(16)}`] };
    }
  }
  if (buffer.length >= 8 && (buffer.readUInt32LE(0) === 0xfeedfacf || buffer.readUInt32LE(0) === 0xfeedface)) {
    const cpu = buffer.readUInt32LE(4);
    return { format: 'macho', archs: [MACHO_CPUS[cpu] ?? `macho-cpu-${cpu.toString(16)}`] };
  }
  if (buffer.length >= 8 && buffer.readUInt32BE(0) === 0xcafebabe) {
    const count = buffer.readUInt32BE(4);
    const archs = [];
    for (let i = 0; i < count && 8 + 20 * i + 4 <= buffer.length; i++) {
      const cpu = buffer.readUInt32BE(8 + 20 * i);
      archs.push(MACHO_CPUS[cpu] ?? `macho-cpu-${cpu.toString(16)}`);
    }
    return { format: 'macho', archs };
  }
  return { format: null, archs: [] };
}

/** The object format each Electron platform loads. */
function formatForPlatform(platform) {
  return platform === 'win32' ? 'pe' : platform === 'darwin' || platform === 'mas' ? 'macho' : 'elf';
}

/**
 * The glibc symbol versions an ELF64 little-endian file requires (its SHT_GNU_verneed entries),
 * e.g. ['2.2.5', '2.14', '2.28'], sorted. Empty for other files or when there are none.
 * @param {Buffer} buffer
 */
function glibcRequirements(buffer) {
  if (buffer.length < 64 || buffer.readUInt32BE(0) !== 0x7f454c46 || buffer[4] !== 2 || buffer[5] !== 1) return [];
  const sectionTable = Number(buffer.readBigUInt64LE(0x28));
  const entrySize = buffer.readUInt16LE(0x3a);
  const count = buffer.readUInt16LE(0x3c);
  if (sectionTable === 0 || entrySize < 64 || sectionTable + entrySize * count > buffer.length) return [];
  const section = (i) => {
    const at = sectionTable + entrySize * i;
    return {
      type: buffer.readUInt32LE(at + 4),
      offset: Number(buffer.readBigUInt64LE(at + 0x18)),
      size: Number(buffer.readBigUInt64LE(at + 0x20)),
      link: buffer.readUInt32LE(at + 0x28),
      info: buffer.readUInt32LE(at + 0x2c),
    };
  };
  const versions = new Set();
  for (let i = 0; i < count; i++) {
    const verneed = section(i);
    if (verneed.type !== 0x6ffffffe || verneed.link >= count) continue; // SHT_GNU_verneed
    const strings = section(verneed.link);
    const name = (offset) => {
      const start = strings.offset + offset;
      const end = buffer.indexOf(0, start);
      return buffer.toString('latin1', start, end === -1 ? strings.offset + strings.size : end);
    };
    let entry = verneed.offset;
    for (let n = 0; n < verneed.info && entry + 16 <= buffer.length; n++) {
      const auxCount = buffer.readUInt16LE(entry + 2);
      let aux = entry + buffer.readUInt32LE(entry + 8);
      for (let a = 0; a < auxCount && aux + 16 <= buffer.length; a++) {
        const match = /^GLIBC_(\d+(?:\.\d+)+)$/.exec(name(buffer.readUInt32LE(aux + 8)));
        if (match) versions.add(match[1]);
        const next = buffer.readUInt32LE(aux + 12);
        if (next === 0) break;
        aux += next;
      }
      const next = buffer.readUInt32LE(entry + 12);
      if (next === 0) break;
      entry += next;
    }
  }
  return [...versions].sort(compareVersions);
}

function compareVersions(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function newestGlibc(buffer) {
  const versions = glibcRequirements(buffer);
  return versions.length === 0 ? null : versions[versions.length - 1];
}

/** Node-API-less addons export `node_register_module_v<ABI>` (NODE_MODULE_INIT), named after the headers they were built with. */
function moduleAbis(buffer) {
  const text = buffer.toString('latin1');
  const abis = new Set();
  for (const match of text.matchAll(/node_register_module_v(\d+)/g)) abis.add(Number(match[1]));
  return [...abis].sort((a, b) => a - b);
}

// ─── app.asar ────────────────────────────────────────────────────────────────────────────────

/** Every file in an asar archive: its path (with /) and whether it lives in app.asar.unpacked. */
function listAsarFiles(asarPath) {
  const asar = require(resolveFromElectronBuilder('@electron/asar'));
  const { header } = asar.getRawHeader(asarPath);
  const files = [];
  const walk = (node, prefix) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      if (child.files) walk(child, relative);
      else files.push({ path: relative, unpacked: child.unpacked === true });
    }
  };
  walk(header, '');
  return files;
}

/** electron-builder's own copy of a module it depends on. */
function resolveFromElectronBuilder(id) {
  const builderLib = path.dirname(
    require.resolve('app-builder-lib/package.json', { paths: [process.cwd(), __dirname] }),
  );
  return require.resolve(id, { paths: [builderLib] });
}

// ─── the checks ──────────────────────────────────────────────────────────────────────────────

/**
 * Everything wrong with one packed app folder, as sentences; empty when it is fine.
 * @param {{
 *   platform: string, arch: string, appOutDir: string, resourcesDir: string,
 *   electronExecutable: string | null, electronAbi: number,
 *   targets: string[], portableMarkerDeclared: boolean,
 * }} options
 */
function checkPackedApp(options) {
  const { platform, arch, appOutDir, resourcesDir, electronAbi } = options;
  const problems = [];
  const asarPath = path.join(resourcesDir, 'app.asar');
  if (!fs.existsSync(asarPath)) return [`${asarPath} is missing: the app must be packed into an asar archive`];

  const files = listAsarFiles(asarPath);
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const required of REQUIRED_IN_ASAR) {
    if (!byPath.has(required)) problems.push(`app.asar lacks ${required}`);
  }
  const unusedModules = new Set();
  for (const file of files) {
    for (const [pattern, what] of FORBIDDEN_IN_ASAR) {
      if (pattern.test(file.path)) problems.push(`app.asar contains ${what}: ${file.path}`);
    }
    const module = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.path)?.[1];
    if (module !== undefined && !RUNTIME_MODULES.includes(module)) unusedModules.add(module);
  }
  for (const module of unusedModules) {
    problems.push(`app.asar contains node_modules/${module}, which the bundled main process never requires`);
  }

  const electronGlibc =
    options.electronExecutable && fs.existsSync(options.electronExecutable)
      ? newestGlibc(fs.readFileSync(options.electronExecutable))
      : null;
  for (const binding of NATIVE_BINDINGS) {
    if (byPath.has(binding) && !byPath.get(binding).unpacked) {
      problems.push(`${binding} is inside app.asar; the OS can only load it from app.asar.unpacked (asarUnpack)`);
    }
    const file = path.join(resourcesDir, 'app.asar.unpacked', ...binding.split('/'));
    if (!fs.existsSync(file)) {
      problems.push(`${file} is missing`);
      continue;
    }
    const buffer = fs.readFileSync(file);
    const { format, archs } = describeBinary(buffer);
    const expectedFormat = formatForPlatform(platform);
    if (format !== expectedFormat) {
      problems.push(`${binding} is ${format ?? 'not a native binary'}, not ${expectedFormat} for ${platform}`);
    }
    if (!archs.includes(arch)) {
      problems.push(`${binding} is built for ${archs.join(', ') || 'an unknown CPU'}, not ${arch}`);
    }
    const abis = moduleAbis(buffer);
    if (!abis.includes(electronAbi)) {
      problems.push(
        `${binding} is built for module ABI ${abis.join(', ') || 'unknown'}, not Electron's ${electronAbi}: ` +
          'it was not rebuilt for Electron (npmRebuild) and the app could not open the ledger',
      );
    }
    if (format === 'elf' && electronGlibc !== null) {
      const moduleGlibc = newestGlibc(buffer);
      if (moduleGlibc !== null && compareVersions(moduleGlibc, electronGlibc) > 0) {
        problems.push(
          `${binding} needs glibc ${moduleGlibc} but Electron itself needs only ${electronGlibc}: it would not load ` +
            'on older distributions (UOS, Kylin). Build it on a system with an older glibc (see .github/workflows/release.yml)',
        );
      }
    }
  }

  const markerPresent = fs.existsSync(path.join(appOutDir, PORTABLE_MARKER));
  const installers = options.targets.filter((name) => !ARCHIVE_TARGETS.has(name));
  if (markerPresent && installers.length > 0) {
    problems.push(
      `${PORTABLE_MARKER} is beside the executable of an installer build (${installers.join(', ')}): the installed ` +
        'app would keep its ledger in the program folder, which uninstalling deletes',
    );
  }
  if (options.portableMarkerDeclared && !markerPresent) {
    problems.push(`the portable edition has no ${PORTABLE_MARKER} beside the executable`);
  }
  return problems;
}

/** Whether a configuration ships the portable marker beside the executable (extraFiles). */
function declaresPortableMarker(config) {
  const sets = [config.extraFiles, config.win?.extraFiles, config.linux?.extraFiles, config.mac?.extraFiles];
  return sets
    .flatMap((value) => (value == null ? [] : Array.isArray(value) ? value : [value]))
    .some((entry) =>
      typeof entry === 'string'
        ? path.posix.basename(entry) === PORTABLE_MARKER
        : path.posix.basename(entry.to ?? entry.from ?? '') === PORTABLE_MARKER,
    );
}

/** Electron's module ABI (NODE_MODULE_VERSION), from the electron package the build uses. */
function electronAbiOf(projectDir) {
  const pkg = require.resolve('electron/package.json', { paths: [projectDir] });
  const abi = Number(fs.readFileSync(path.join(path.dirname(pkg), 'abi_version'), 'utf8').trim());
  if (!Number.isInteger(abi) || abi <= 0) throw new Error(`cannot read Electron's ABI next to ${pkg}`);
  return abi;
}

/** @param {import('app-builder-lib').AfterPackContext} context */
async function afterPack(context) {
  const { packager, appOutDir, electronPlatformName: platform } = context;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const problems = checkPackedApp({
    platform,
    arch,
    appOutDir,
    resourcesDir: packager.getResourcesDir(appOutDir),
    electronExecutable: platform === 'linux' ? path.join(appOutDir, packager.executableName) : null,
    electronAbi: electronAbiOf(packager.projectDir),
    targets: context.targets.map((target) => target.name),
    portableMarkerDeclared: declaresPortableMarker(packager.config),
  });
  if (problems.length > 0) {
    throw new Error(
      `The ${platform}-${arch} package is not fit to ship:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  let glibc = '';
  if (platform === 'linux') {
    // For the release notes: the oldest glibc (and so the oldest UOS / Kylin) this package runs on.
    const needs = (file) => (fs.existsSync(file) ? (newestGlibc(fs.readFileSync(file)) ?? 'none') : 'unknown');
    const module = path.join(
      packager.getResourcesDir(appOutDir),
      'app.asar.unpacked',
      ...NATIVE_BINDINGS[0].split('/'),
    );
    glibc = ` glibc: electron=${needs(path.join(appOutDir, packager.executableName))} better-sqlite3=${needs(module)}`;
  }
  console.log(`  • package checks passed  platform=${platform} arch=${arch}${glibc}`);
}

module.exports = {
  afterPack,
  checkPackedApp,
  declaresPortableMarker,
  describeBinary,
  glibcRequirements,
  moduleAbis,
  compareVersions,
  electronAbiOf,
  NATIVE_BINDINGS,
  RUNTIME_MODULES,
  PORTABLE_MARKER,
};
