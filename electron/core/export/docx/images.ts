import type { ImageBlock } from './blocks.ts';

/**
 * Photos are placed at a capped display size, read from the file's own header. The bytes are
 * embedded as stored: shrinking them (to ≤ 1200 px) needs an image codec, which the app does not
 * ship yet — attachments are already capped at 20 MB each when they are added.
 */

/** Display box of a photo in the record, in pixels at 96 dpi (≈ 106 × 79 mm). */
export const PHOTO_BOX = { width: 400, height: 300 } as const;

export interface ImageInfo {
  format: ImageBlock['format'];
  width: number;
  height: number;
}

function u16be(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}

function u32be(b: Uint8Array, i: number): number {
  return (u16be(b, i) * 65536 + u16be(b, i + 2)) >>> 0;
}

function u16le(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}

function i32le(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24);
}

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = u16be(b, i + 2);
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

/** The format and pixel size of an image Word can show; null for anything else (WebP, PDF …). */
export function imageInfo(b: Uint8Array): ImageInfo | null {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (b[0] === 0xff && b[1] === 0xd8) {
    const size = jpegSize(b);
    return size ? { format: 'jpg', ...size } : null;
  }
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) {
    return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  }
  if (b[0] === 0x42 && b[1] === 0x4d) {
    return { format: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  }
  return null;
}

/** A picture block fitted into the display box, keeping its proportions; null if Word cannot show it. */
export function photoBlock(data: Uint8Array, box = PHOTO_BOX): ImageBlock | null {
  const info = imageInfo(data);
  if (!info || info.width <= 0 || info.height <= 0) return null;
  const scale = Math.min(1, box.width / info.width, box.height / info.height);
  return {
    type: 'image',
    data,
    format: info.format,
    widthPx: Math.max(1, Math.round(info.width * scale)),
    heightPx: Math.max(1, Math.round(info.height * scale)),
  };
}
