import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

/** The icons rendered from build/icon.svg (node build/render-icons.mjs), in every size the installers use. */

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 96, 128, 256];

const build = (...parts: string[]) => path.join(ROOT, 'build', ...parts);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the icons', () => {
  it('are our own mark, described as such in the source', () => {
    const svg = readFileSync(build('icon.svg'), 'utf8');
    expect(svg).toContain('<title>党支部工作台账</title>');
    expect(svg).toMatch(/not the party emblem/);
  });

  it('include a 512 px PNG and the Linux hicolor sizes', () => {
    expect(pngSize(readFileSync(build('icon.png')))).toEqual({ width: 512, height: 512 });
    for (const size of LINUX_SIZES) {
      expect(pngSize(readFileSync(build('icons', `${size}x${size}.png`))), `${size}x${size}`).toEqual({
        width: size,
        height: size,
      });
    }
  });

  it('include a Windows .ico with every size from 16 to 256 px', () => {
    const ico = readFileSync(build('icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const size = ico[entry] || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toEqual(ICO_SIZES);
  });

  it('include a macOS .icns up to 1024 px', () => {
    const icns = readFileSync(build('icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.toString('latin1', at, at + 4));
    // ic10 is 1024 px (512@2x), ic09 512 px, ic08 256 px.
    expect(types).toEqual(expect.arrayContaining(['ic08', 'ic09', 'ic10']));
  });
});
