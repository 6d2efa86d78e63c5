// Renders every installer icon from build/icon.svg (our own mark, not the party emblem).
//   node build/render-icons.mjs
// Needs rsvg-convert (librsvg2-bin) and png2icns (icnsutils). Writes, beside this file:
//   icon.png             512 px, the generic icon
//   icons/NxN.png        Linux hicolor sizes (deb, AppImage, desktop entry)
//   icon.ico             Windows: exe, installer, uninstaller, shortcuts (PNG-compressed entries)
//   icon.icns            macOS app bundle and dmg
// The outputs are committed, so a release never depends on these tools being installed.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILD = path.dirname(fileURLToPath(import.meta.url));
const SVG = path.join(BUILD, 'icon.svg');

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 96, 128, 256];
export const ICNS_SIZES = [16, 32, 48, 128, 256, 512, 1024];

function run(command, args) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new Error(`${command} is not available: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function render(size, file) {
  run('rsvg-convert', ['--width', String(size), '--height', String(size), '--keep-aspect-ratio', SVG, '-o', file]);
  return readFileSync(file);
}

/** An .ico whose entries are PNG images (read by Windows Vista and later, NSIS 3 and resedit). */
export function packIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'branch-ledger-icons-'));
  try {
    const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_SIZES])].sort((a, b) => a - b);
    const pngs = new Map(sizes.map((size) => [size, render(size, path.join(work, `${size}.png`))]));

    mkdirSync(path.join(BUILD, 'icons'), { recursive: true });
    for (const size of LINUX_SIZES) writeFileSync(path.join(BUILD, 'icons', `${size}x${size}.png`), pngs.get(size));
    writeFileSync(path.join(BUILD, 'icon.png'), pngs.get(512));
    writeFileSync(path.join(BUILD, 'icon.ico'), packIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
    run('png2icns', [path.join(BUILD, 'icon.icns'), ...ICNS_SIZES.map((size) => path.join(work, `${size}.png`))]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
