import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ImageBlock } from './blocks.ts';

/**
 * Photos are placed at a capped display size, read from the file's own header. Before that, an
 * export shrinks their bytes to the print size (PhotoShrinker below).
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

/**
 * Downscaling for print. A phone photo (4000 × 3000, 3–8 MB) shown 106 mm wide needs about
 * 830 px at 200 dpi; embedding it whole makes a year's book hundreds of MB that Word and WPS
 * open slowly. Photos are decoded (jpeg-js, pngjs), averaged down to the display size at
 * PRINT_DPI and re-encoded. Anything that cannot be decoded is kept as it is, with a warning
 * naming the attachment: a photo never fails an export.
 */

/** Print resolution of photos: 200 dpi is above what an office laser printer resolves in a photo. */
export const PRINT_DPI = 200;
const SCREEN_DPI = 96;
/** Photos at or under this size go in as they are: shrinking saves little and costs a decode. */
export const SMALL_PHOTO_BYTES = 350 * 1024;
/** Images barely larger than the print size are not worth a generation of JPEG loss. */
const MIN_SHRINK_FACTOR = 1.25;
export const JPEG_QUALITY = 85;
/** Bounds the decoder: a 100-megapixel "photo" is refused (kept as is) instead of taking a gigabyte. */
const MAX_MEGAPIXELS = 100;

export interface ShrunkPhoto {
  data: Uint8Array;
  /** True when the bytes were re-encoded (smaller, or turned upright). */
  changed: boolean;
  warning?: string;
}

/** EXIF orientation (1–8) of a JPEG; 1 when it has none. Phones store photos sideways and set this tag. */
export function jpegOrientation(b: Uint8Array): number {
  let i = 2;
  while (i + 4 < b.length && b[i] === 0xff) {
    const marker = b[i + 1] ?? 0;
    const length = u16be(b, i + 2);
    // Start of scan: no more metadata segments.
    if (marker === 0xda) return 1;
    const exif = i + 4;
    if (marker === 0xe1 && String.fromCharCode(...b.subarray(exif, exif + 4)) === 'Exif') {
      const tiff = exif + 6;
      const little = b[tiff] === 0x49;
      const u16 = (at: number) => (little ? u16le(b, at) : u16be(b, at));
      const u32 = (at: number) => (little ? (u16le(b, at) + u16le(b, at + 2) * 65536) >>> 0 : u32be(b, at));
      const ifd = tiff + u32(tiff + 4);
      const entries = u16(ifd);
      for (let e = 0; e < entries; e += 1) {
        const entry = ifd + 2 + e * 12;
        if (entry + 12 > b.length) break;
        if (u16(entry) === 0x0112) {
          const value = u16(entry + 8);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
      return 1;
    }
    i += 2 + length;
  }
  return 1;
}

interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8Array;
}

/**
 * Area averaging: every source pixel lands in exactly one target pixel, which is the mean of its
 * box. Alpha-weighted, so transparent pixels do not darken the edges of a PNG with a cut-out.
 */
export function boxDownscale(src: Pixels, width: number, height: number): Pixels {
  const out = new Uint8Array(width * height * 4);
  const xStart = new Int32Array(width + 1);
  for (let x = 0; x <= width; x += 1) xStart[x] = Math.floor((x * src.width) / width);
  const sums = new Float64Array(width * 4);
  const alphas = new Float64Array(width);
  const counts = new Float64Array(width);
  for (let y = 0; y < height; y += 1) {
    sums.fill(0);
    alphas.fill(0);
    counts.fill(0);
    const y0 = Math.floor((y * src.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * src.height) / height));
    for (let sy = y0; sy < y1; sy += 1) {
      const row = sy * src.width * 4;
      for (let x = 0; x < width; x += 1) {
        const x0 = xStart[x] ?? 0;
        const x1 = Math.max(x0 + 1, xStart[x + 1] ?? 0);
        let r = 0;
        let g = 0;
        let bl = 0;
        let a = 0;
        for (let sx = x0; sx < x1; sx += 1) {
          const p = row + sx * 4;
          const alpha = src.data[p + 3] ?? 0;
          r += (src.data[p] ?? 0) * alpha;
          g += (src.data[p + 1] ?? 0) * alpha;
          bl += (src.data[p + 2] ?? 0) * alpha;
          a += alpha;
        }
        sums[x * 4] = (sums[x * 4] ?? 0) + r;
        sums[x * 4 + 1] = (sums[x * 4 + 1] ?? 0) + g;
        sums[x * 4 + 2] = (sums[x * 4 + 2] ?? 0) + bl;
        alphas[x] = (alphas[x] ?? 0) + a;
        counts[x] = (counts[x] ?? 0) + (x1 - x0);
      }
    }
    for (let x = 0; x < width; x += 1) {
      const o = (y * width + x) * 4;
      const a = alphas[x] ?? 0;
      if (a > 0) {
        out[o] = Math.round((sums[x * 4] ?? 0) / a);
        out[o + 1] = Math.round((sums[x * 4 + 1] ?? 0) / a);
        out[o + 2] = Math.round((sums[x * 4 + 2] ?? 0) / a);
      }
      out[o + 3] = Math.round(a / (counts[x] || 1));
    }
  }
  return { width, height, data: out };
}

/** Turns pixels upright per the EXIF orientation (1–8), so the picture needs no tag any more. */
export function applyOrientation(src: Pixels, orientation: number): Pixels {
  if (orientation <= 1 || orientation > 8) return src;
  const W = src.width;
  const H = src.height;
  const swap = orientation >= 5;
  const width = swap ? H : W;
  const height = swap ? W : H;
  const out = new Uint8Array(width * height * 4);
  for (let dy = 0; dy < height; dy += 1) {
    for (let dx = 0; dx < width; dx += 1) {
      let sx = dx;
      let sy = dy;
      if (orientation === 2) sx = W - 1 - dx;
      else if (orientation === 3) [sx, sy] = [W - 1 - dx, H - 1 - dy];
      else if (orientation === 4) sy = H - 1 - dy;
      else if (orientation === 5) [sx, sy] = [dy, dx];
      else if (orientation === 6) [sx, sy] = [dy, H - 1 - dx];
      else if (orientation === 7) [sx, sy] = [W - 1 - dy, H - 1 - dx];
      else if (orientation === 8) [sx, sy] = [W - 1 - dy, dx];
      const s = (sy * W + sx) * 4;
      const o = (dy * width + dx) * 4;
      out[o] = src.data[s] ?? 0;
      out[o + 1] = src.data[s + 1] ?? 0;
      out[o + 2] = src.data[s + 2] ?? 0;
      out[o + 3] = src.data[s + 3] ?? 0;
    }
  }
  return { width, height, data: out };
}

/** Pixel size a picture of `width × height` (upright) needs to print its display size at PRINT_DPI. */
export function printPixels(
  width: number,
  height: number,
  box: { width: number; height: number } = PHOTO_BOX,
): { width: number; height: number } {
  const scale = Math.min(1, box.width / width, box.height / height) * (PRINT_DPI / SCREEN_DPI);
  return {
    width: Math.max(1, Math.min(width, Math.round(width * scale))),
    height: Math.max(1, Math.min(height, Math.round(height * scale))),
  };
}

function isOpaque(pixels: Pixels): boolean {
  for (let i = 3; i < pixels.data.length; i += 4) if (pixels.data[i] !== 255) return false;
  return true;
}

function decode(data: Uint8Array, format: 'jpg' | 'png'): Pixels {
  if (format === 'jpg') {
    const image = jpeg.decode(data, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: 1024,
    });
    return { width: image.width, height: image.height, data: image.data };
  }
  const png = PNG.sync.read(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return { width: png.width, height: png.height, data: png.data };
}

function encode(pixels: Pixels, asPng: boolean): Uint8Array {
  if (!asPng) return jpeg.encode({ ...pixels, data: pixels.data }, JPEG_QUALITY).data;
  const png = new PNG({ width: pixels.width, height: pixels.height });
  png.data = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  return PNG.sync.write(png);
}

/**
 * A photo ready to embed: downscaled to its print size and upright, or the original when it is
 * already small, in a format we do not re-encode (GIF, BMP), or cannot be decoded (with a warning).
 */
export function shrinkPhoto(
  data: Uint8Array,
  name: string,
  box: { width: number; height: number } = PHOTO_BOX,
): ShrunkPhoto {
  const info = imageInfo(data);
  if (!info || (info.format !== 'jpg' && info.format !== 'png') || info.width <= 0 || info.height <= 0)
    return { data, changed: false };
  const orientation = info.format === 'jpg' ? jpegOrientation(data) : 1;
  const swap = orientation >= 5;
  const upright = swap ? { width: info.height, height: info.width } : { width: info.width, height: info.height };
  const target = printPixels(upright.width, upright.height, box);
  const worthShrinking = data.length > SMALL_PHOTO_BYTES && upright.width > target.width * MIN_SHRINK_FACTOR;
  if (!worthShrinking && orientation === 1) return { data, changed: false };
  const size = worthShrinking ? target : upright;
  try {
    const pixels = decode(data, info.format);
    const small = boxDownscale(pixels, swap ? size.height : size.width, swap ? size.width : size.height);
    const turned = applyOrientation(small, orientation);
    const out = encode(turned, info.format === 'png' && !isOpaque(turned));
    // Re-encoding a small, well-compressed photo can make it larger; upright still wins over size.
    if (out.length >= data.length && orientation === 1) return { data, changed: false };
    return { data: out, changed: true };
  } catch {
    return {
      data,
      changed: false,
      warning: `照片“${name}”无法读取，未压缩，已按原图放入文档（可在 Word/WPS 中检查这张照片）。`,
    };
  }
}

function isStandardBox(box: { width: number; height: number }): boolean {
  return box.width === PHOTO_BOX.width && box.height === PHOTO_BOX.height;
}

/** Where a photo's print-size copy comes from when one was made before (the attachment store). */
export type StoredPrintCopy = (sha256: string) => Uint8Array | null;

/**
 * One export's photos: each distinct picture (SHA-256 and box) is decoded once, however often it
 * appears — and not at all when the attachment store has its print copy (made when it was attached).
 */
export class PhotoShrinker {
  private readonly cache = new Map<string, ShrunkPhoto>();
  readonly warnings: string[] = [];
  /** Photos this export had to shrink itself (no stored copy): the caller may store them for next time. */
  readonly made: Array<{ sha256: string; data: Uint8Array }> = [];
  bytesIn = 0;
  bytesOut = 0;
  /** Photos taken from a stored print copy instead of being decoded. */
  fromStore = 0;

  constructor(private readonly stored: StoredPrintCopy = () => null) {}

  static sha256Of(data: Uint8Array): string {
    return createHash('sha256').update(data).digest('hex');
  }

  /** The cache key of a photo: its SHA-256 and the box it is shrunk for. */
  static keyOf(data: Uint8Array, box = PHOTO_BOX): string {
    return `${PhotoShrinker.sha256Of(data)}:${box.width}x${box.height}`;
  }

  /** A photo another worker already shrank: this export uses it instead of decoding again. */
  remember(key: string, data: Uint8Array): void {
    this.cache.set(key, { data, changed: true });
  }

  private storedCopy(sha256: string, box: { width: number; height: number }): Uint8Array | null {
    // Stored copies are made for the standard box only.
    if (!isStandardBox(box)) return null;
    const copy = this.stored(sha256);
    // A copy that is not a picture (cut short, overwritten) is ignored: the photo is shrunk again.
    return copy && imageInfo(copy) ? copy : null;
  }

  shrink(data: Uint8Array, name: string, box: { width: number; height: number } = PHOTO_BOX): Uint8Array {
    const sha256 = PhotoShrinker.sha256Of(data);
    const key = `${sha256}:${box.width}x${box.height}`;
    let result = this.cache.get(key);
    if (!result) {
      const copy = this.storedCopy(sha256, box);
      if (copy) {
        result = { data: copy, changed: true };
        this.fromStore += 1;
      } else {
        result = shrinkPhoto(data, name, box);
        if (result.warning) this.warnings.push(result.warning);
        if (result.changed && isStandardBox(box)) this.made.push({ sha256, data: result.data });
      }
      this.cache.set(key, result);
    }
    this.bytesIn += data.length;
    this.bytesOut += result.data.length;
    return result.data;
  }
}
