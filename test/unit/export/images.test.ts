import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  imageInfo,
  jpegOrientation,
  PhotoShrinker,
  photoBlock,
  printPixels,
  SMALL_PHOTO_BYTES,
  shrinkPhoto,
} from '../../../electron/core/export/docx/images.ts';

/** RGBA pixels with detail (noise), so encoders produce photo-like sizes. */
function pixels(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

function noise(x: number, y: number): number {
  return ((x * 73856093) ^ (y * 19349663)) & 63;
}

function photoJpeg(width: number, height: number): Buffer {
  return jpeg.encode(
    pixels(width, height, (x, y) => [(x * 191) / width + noise(x, y), (y * 191) / height + noise(x, y), 90, 255]),
    92,
  ).data;
}

/** An APP1 Exif segment holding only the orientation tag, inserted after SOI as a phone camera writes it. */
function withOrientation(jpegBytes: Buffer, orientation: number): Buffer {
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // big-endian TIFF header, IFD0 at 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00, // Orientation, SHORT, 1
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
  return Buffer.concat([jpegBytes.subarray(0, 2), header, body, jpegBytes.subarray(2)]);
}

describe('photo downscaling for Word exports', () => {
  it('shrinks a 4000 × 3000 phone JPEG to its print size, far fewer bytes', () => {
    const original = photoJpeg(4000, 3000);
    expect(original.length).toBeGreaterThan(SMALL_PHOTO_BYTES);
    const out = shrinkPhoto(original, 'IMG_0001.jpg');
    const info = imageInfo(out.data);
    expect(out.changed).toBe(true);
    expect(out.warning).toBeUndefined();
    expect(info?.format).toBe('jpg');
    // 400 px display at 96 dpi printed at 200 dpi: 833 × 625.
    expect(info).toMatchObject(printPixels(4000, 3000));
    expect(info?.width).toBeLessThanOrEqual(1200);
    expect(out.data.length).toBeLessThan(original.length / 5);
    // Still laid out at the same display size.
    expect(photoBlock(out.data)).toMatchObject({ widthPx: 400, heightPx: 300 });
  });

  it('keeps a PNG with transparency as a PNG, alpha intact, and averages colours without dark fringes', () => {
    const original = PNG.sync.write(
      Object.assign(new PNG({ width: 2400, height: 1800 }), {
        data: Buffer.from(
          pixels(2400, 1800, (x, y) => (x < 1200 ? [200 + (noise(x, y) >> 2), 20, 20, 255] : [0, 0, 0, 0])).data,
        ),
      }),
    );
    expect(original.length).toBeGreaterThan(SMALL_PHOTO_BYTES);
    const out = shrinkPhoto(original, '党徽.png');
    expect(imageInfo(out.data)?.format).toBe('png');
    const png = PNG.sync.read(Buffer.from(out.data));
    expect(png.width).toBe(printPixels(2400, 1800).width);
    expect(png.data[3]).toBe(255);
    expect(png.data[(png.width - 1) * 4 + 3]).toBe(0);
    // The pixel at the edge mixes red with transparent: still red (alpha-weighted), only less opaque.
    const edge = (Math.floor(png.width / 2) - 1) * 4;
    expect(png.data[edge]).toBeGreaterThan(190);
  });

  it('turns a sideways phone photo upright from its EXIF orientation', () => {
    // Landscape pixels, left half red and right half blue, tagged "rotate 90° clockwise to view".
    const sideways = withOrientation(
      jpeg.encode(
        pixels(1600, 800, (x, y) => (x < 800 ? [220, noise(x, y), 0, 255] : [0, noise(x, y), 220, 255])),
        95,
      ).data,
      6,
    );
    expect(jpegOrientation(sideways)).toBe(6);
    const out = shrinkPhoto(sideways, 'IMG_0002.jpg');
    const upright = jpeg.decode(out.data, { useTArray: true });
    expect(upright.height).toBeGreaterThan(upright.width);
    expect(jpegOrientation(out.data)).toBe(1);
    // Turned clockwise: the left (red) half is now on top, the blue half below.
    const at = (x: number, y: number) =>
      Array.from(upright.data.subarray((y * upright.width + x) * 4, (y * upright.width + x) * 4 + 3));
    expect(at(10, 10)[0]).toBeGreaterThan(150);
    expect(at(10, upright.height - 10)[2]).toBeGreaterThan(150);
  });

  it('keeps a small photo byte for byte', () => {
    const small = photoJpeg(640, 480);
    expect(small.length).toBeLessThan(SMALL_PHOTO_BYTES);
    const out = shrinkPhoto(small, 'small.jpg');
    expect(out.changed).toBe(false);
    expect(out.data).toBe(small);
  });

  it('keeps corrupt bytes as they are, with a warning naming the attachment', () => {
    // A JPEG header claiming 4000 × 3000 (a small JPEG's frame size patched), then garbage instead of the scan.
    const header = Buffer.from(photoJpeg(64, 48).subarray(0, 700));
    const sof = header.indexOf(Buffer.from([0xff, 0xc0]));
    header.writeUInt16BE(3000, sof + 5);
    header.writeUInt16BE(4000, sof + 7);
    const junk = Buffer.alloc(SMALL_PHOTO_BYTES + 1000, 0x5a);
    const corrupt = Buffer.concat([header, junk]);
    expect(imageInfo(corrupt)).toMatchObject({ format: 'jpg', width: 4000 });
    const out = shrinkPhoto(corrupt, '损坏的照片.jpg');
    expect(out.data).toBe(corrupt);
    expect(out.changed).toBe(false);
    expect(out.warning).toContain('损坏的照片.jpg');
  });

  it('decodes each distinct photo once per export, however often it appears', () => {
    const photo = photoJpeg(3000, 2000);
    const shrinker = new PhotoShrinker();
    const first = shrinker.shrink(photo, 'a.jpg');
    const second = shrinker.shrink(Buffer.from(photo), 'copy-of-a.jpg');
    expect(second).toBe(first);
    expect(first.length).toBeLessThan(photo.length);
    expect(shrinker.bytesIn).toBe(photo.length * 2);
  });

  it('takes a stored print copy by the photo’s hash instead of decoding, and ignores one that is not a picture', () => {
    const photo = photoJpeg(600, 400);
    const stored = photoJpeg(300, 200);
    const asked: string[] = [];
    const fromStore = new PhotoShrinker((sha256) => {
      asked.push(sha256);
      return stored;
    });
    expect(fromStore.shrink(photo, 'a.jpg')).toBe(stored);
    expect(asked).toEqual([PhotoShrinker.sha256Of(photo)]);
    expect(fromStore.fromStore).toBe(1);
    expect(fromStore.made).toEqual([]);
    // A damaged copy is passed over: the photo is handled as without one (here: small, kept as it is).
    const damaged = new PhotoShrinker(() => Buffer.from('not a picture'));
    expect(damaged.shrink(photo, 'a.jpg')).toBe(photo);
    expect(damaged.fromStore).toBe(0);
  });
});
