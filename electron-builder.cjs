// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} here are electron-builder's artifact-name macros, not JavaScript templates.
'use strict';
// electron-builder configuration: the installers a clerk runs. `npm run dist` (README, Packaging).
//
//   Windows  NSIS installer, per user (no administrator rights), x64 and arm64
//            (the portable .zip is electron-builder.portable.cjs, built by `npm run dist:win`)
//   Linux    .deb and AppImage, x64 and arm64 (UOS, Kylin)
//   macOS    .dmg, x64 and arm64, unsigned
//
// The native module: electron-builder rebuilds node_modules/better-sqlite3 for each target's
// Electron ABI and CPU (npmRebuild, from source), then this configuration puts that binary where
// the app loads it through `nativeBinding` (out/native/electron/better_sqlite3.node, see
// electron/main/app-paths.ts) and keeps the copy better-sqlite3 loads by itself (a Database
// opened without `nativeBinding`, as checkRestorable in electron/core/db/backup.ts does). Both are
// unpacked from the asar archive. build/after-pack.cjs refuses a package whose binaries are for
// the wrong runtime, OS, CPU or glibc, or whose archive carries sources, tests or unused modules.
//
// The rebuild happens in place: after a local `npm run dist`, node_modules/better-sqlite3 holds
// the Electron build, and `npm rebuild better-sqlite3` restores the Node build for tests and the CLI.

const { afterPack } = require('./build/after-pack.cjs');

const PRODUCT_NAME = '党支部工作台账';
/** One line: the deb synopsis and the AppImage summary. */
const SUMMARY = '党支部工作台账：离线的党支部工作记录与台账';
/** The deb description and the desktop entry's Comment (electron-builder uses one for both). */
const DESCRIPTION =
  '离线记录党支部“三会一课”、主题党日、组织生活会、党员发展、换届选举和党费收缴等工作，' +
  '检查是否按规定开展，生成工作台账。数据只保存在本机。';

/** x64 and arm64 everywhere; a command line with explicit targets (as CI uses) narrows this. */
const ARCHS = ['x64', 'arm64'];

/** @type {import('app-builder-lib').Configuration} */
const config = {
  appId: 'cn.branchledger.desktop',
  productName: PRODUCT_NAME,
  copyright: 'Copyright © 2026 党支部工作台账 (Branch Ledger) contributors',
  // ASCII file names, one pattern for every artifact: branch-ledger-0.1.0-linux-amd64.deb, …
  artifactName: 'branch-ledger-${version}-${os}-${arch}.${ext}',
  directories: { output: 'release', buildResources: 'build' },

  // Only what the app loads: the bundles, the renderer and the template pack. Sources, tests,
  // source maps and the development build of the native module (out/native) stay out.
  files: [
    'package.json',
    // main.cjs, preload.cjs and the worker threads export-worker.cjs and parse-worker.cjs, which the main
    // process starts by path from inside app.asar (Electron initialises asar support in worker threads
    // since v18, electron/electron#33216: plain JS workers need no asarUnpack).
    'out/electron/**',
    'out/renderer/**',
    'templates/**',
    '!**/*.map',
    // The main process is one esbuild bundle; at run time it requires only electron and
    // better-sqlite3 (which needs bindings → file-uri-to-path). Every other dependency is inside the bundle.
    '!node_modules/!(better-sqlite3|bindings|file-uri-to-path){,/**/*}',
    '!node_modules/better-sqlite3/node_modules/!(bindings|file-uri-to-path){,/**/*}',
    // No sources of the native module, no build leftovers: only the built binary.
    '!node_modules/better-sqlite3/{deps,src,docs,benchmark}{,/**/*}',
    '!node_modules/better-sqlite3/build/!(Release){,/**/*}',
    '!node_modules/better-sqlite3/build/Release/!(better_sqlite3.node){,/**/*}',
    // better-sqlite3 as rebuilt for this target, where the app loads it through `nativeBinding`.
    {
      from: 'node_modules/better-sqlite3/build/Release',
      to: 'out/native/electron',
      filter: ['better_sqlite3.node'],
    },
  ],
  asar: true,
  // A native module cannot be loaded from inside an archive.
  asarUnpack: ['**/*.node'],

  // Rebuild better-sqlite3 for each target's Electron ABI and CPU, from source: prebuilt binaries
  // lag new Electron ABIs, and on Linux the build host's glibc decides where the binary loads
  // (CI builds Linux on glibc 2.28; a downloaded binary could need a newer one).
  npmRebuild: true,
  buildDependenciesFromSource: true,
  nodeGypRebuild: false,
  nativeRebuilder: 'sequential',

  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    // The app is served from app://, never file://.
    grantFileProtocolExtraPrivileges: false,
    // Flipping fuses breaks the ad-hoc signature an unsigned arm64 Mac app needs to start at all.
    resetAdHocDarwinSignature: true,
  },

  // Simplified Chinese UI; English as Chromium's fallback. Drops Chromium's other locales (tens of MB).
  electronLanguages: ['zh-CN', 'en-US'],
  // Offline app: no update feed, no update metadata, nothing published by electron-builder.
  publish: null,
  // Linux: the window belongs to branch-ledger.desktop (Wayland app_id, StartupWMClass).
  extraMetadata: { desktopName: 'branch-ledger.desktop' },
  afterPack,

  win: {
    target: [{ target: 'nsis', arch: ARCHS }],
    icon: 'build/icon.ico',
  },
  nsis: {
    oneClick: false,
    // Per user, in %LOCALAPPDATA%\Programs\branch-ledger: no administrator rights, no UAC prompt.
    perMachine: false,
    allowElevation: false,
    selectPerMachineByDefault: false,
    packElevateHelper: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: PRODUCT_NAME,
    uninstallDisplayName: '${productName} ${version}',
    runAfterFinish: true,
    // The ledger lives in %APPDATA%\branch-ledger; only the user's explicit answer removes it (build/installer.nsh).
    deleteAppDataOnUninstall: false,
    include: 'build/installer.nsh',
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
    language: '2052',
    installerLanguages: ['zh_CN'],
    multiLanguageInstaller: true,
    displayLanguageSelector: false,
    unicode: true,
    // One installer per architecture (…-win-x64-setup.exe, …-win-arm64-setup.exe), not one with both.
    buildUniversalInstaller: false,
    differentialPackage: false,
    artifactName: 'branch-ledger-${version}-${os}-${arch}-setup.${ext}',
  },

  linux: {
    target: [
      { target: 'deb', arch: ARCHS },
      { target: 'AppImage', arch: ARCHS },
    ],
    executableName: 'branch-ledger',
    icon: 'build/icons',
    category: 'Office',
    synopsis: SUMMARY,
    description: DESCRIPTION,
    // Placeholder until package.json names an author with an e-mail address.
    maintainer: 'Branch Ledger maintainers <maintainers@branch-ledger.invalid>',
    vendor: 'Branch Ledger',
    syncDesktopName: true,
    desktop: {
      entry: {
        Name: PRODUCT_NAME,
        'Name[zh_CN]': PRODUCT_NAME,
        GenericName: 'Party branch ledger',
        'GenericName[zh_CN]': '党务工作台账',
        // Comment itself is the description (electron-builder sets it last).
        'Comment[zh_CN]': DESCRIPTION,
        'Comment[en]': 'Offline work ledger for Communist Party branches',
        Keywords: '台账;党支部;党务;三会一课;党员发展;ledger;',
        StartupWMClass: 'branch-ledger',
      },
    },
  },
  deb: {
    packageCategory: 'office',
    priority: 'optional',
  },
  appImage: {
    synopsis: SUMMARY,
  },

  mac: {
    target: [{ target: 'dmg', arch: ARCHS }],
    icon: 'build/icon.icns',
    category: 'public.app-category.productivity',
    // Unsigned for now (README: right-click → 打开). The entitlements are ready for a signed build.
    identity: null,
    hardenedRuntime: false,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    extendInfo: { CFBundleDevelopmentRegion: 'zh_CN' },
  },
  dmg: {
    title: '${productName} ${version}',
    writeUpdateInfo: false,
  },
};

module.exports = config;
