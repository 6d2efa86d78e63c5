// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} here are electron-builder's artifact-name macros, not JavaScript templates.
'use strict';
// The Windows portable edition, for a USB stick: the unpacked app in a .zip, with the marker file
// portable.txt beside 党支部工作台账.exe, so the app keeps its ledger in <exe folder>\data
// (electron/core/paths.ts portableLedgerPath). `npm run dist:win` builds it after the installer.
//
// It is a separate build because the marker must never reach the NSIS installer: an installed
// app with the marker would keep its ledger inside the program folder, which uninstalling deletes
// (build/after-pack.cjs refuses such a package). A .zip rather than electron-builder's
// single-file "portable" .exe: that one unpacks itself to %TEMP% on every start, so a marker
// inside it is never beside the file the user started, and starting from a USB stick is slow.

const base = require('./electron-builder.cjs');

/** @type {import('app-builder-lib').Configuration} */
const config = {
  ...base,
  win: {
    ...base.win,
    target: [{ target: 'zip', arch: ['x64', 'arm64'] }],
    artifactName: 'branch-ledger-${version}-${os}-${arch}-portable.${ext}',
    extraFiles: [{ from: 'build/portable.txt', to: 'portable.txt' }],
  },
};

module.exports = config;
