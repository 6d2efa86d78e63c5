import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInfo } from '../../electron/core/export/docx/images.ts';
import { attachmentsDir, printCopyPath, printPhotoData } from '../../electron/core/modules/life/attachments.ts';
import { listMeetings } from '../../electron/core/modules/life/meetings-read.ts';
import { type DemoBook, demoLedger, unzipDocx } from '../render/docx-helpers.ts';

/** A camera-sized photo with real detail (noise over a gradient), so it compresses like one. */
function cameraPhoto(width: number, height: number, seed: number): Buffer {
  const data = new Uint8Array(width * height * 4);
  let s = seed;
  for (let i = 0; i < width * height; i += 1) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const noise = s % 48;
    data[i * 4] = ((i % width) * 200) / width + noise;
    data[i * 4 + 1] = (Math.floor(i / width) * 200) / height + noise;
    data[i * 4 + 2] = 80 + noise;
    data[i * 4 + 3] = 255;
  }
  return jpeg.encode({ data, width, height }, 88).data;
}

/** A flat-coloured JPEG, recognisable among the book's pictures by its bytes. */
function markerJpeg(width: number, height: number): Buffer {
  const data = new Uint8Array(width * height * 4).fill(200);
  return jpeg.encode({ data, width, height }, 80).data;
}

let demo: DemoBook;
let photo: Buffer;
let meetingIds: number[];

beforeAll(async () => {
  demo = await demoLedger('photo-derivative-', 1);
  meetingIds = listMeetings(demo.service.ledger, { branchId: demo.branchId, year: 2026 })
    .map((m) => m.id)
    .filter((id) => id !== demo.photoMeetingId);
  photo = cameraPhoto(4000, 3000, 5);
}, 120_000);

afterAll(() => demo?.cleanup());

async function bookMedia(): Promise<Buffer[]> {
  const doc = await demo.service.call('export.ledgerDocx', { branchId: demo.branchId, year: 2026 });
  return [...(await unzipDocx(Buffer.from(doc.dataBase64, 'base64'))).media.values()];
}

describe('print copies of photos', () => {
  let sha256 = '';
  let firstId = 0;

  it('keeps the original bytes of a 4000 × 3000 photo and stores a print copy at most 1200 px wide', async () => {
    const info = await demo.service.call('life.attach', {
      meetingId: meetingIds[0] ?? 0,
      fileName: 'IMG_4000.jpg',
      dataBase64: photo.toString('base64'),
      caption: '集中学习现场',
    });
    sha256 = info.sha256;
    firstId = info.id;
    expect(info.sizeBytes).toBe(photo.length);
    expect(readFileSync(join(attachmentsDir(demo.service.ledger.path), sha256)).equals(photo)).toBe(true);
    const copy = readFileSync(printCopyPath(demo.service.ledger.path, sha256));
    const size = imageInfo(copy);
    expect(size?.format).toBe('jpg');
    expect(size?.width).toBeLessThanOrEqual(1200);
    expect(size?.width).toBeGreaterThanOrEqual(600);
    expect((size?.width ?? 0) / (size?.height ?? 1)).toBeCloseTo(4 / 3, 1);
    expect(copy.length).toBeLessThan(photo.length / 4);
    // 查看原图 still opens the original.
    const original = await demo.service.call('life.attachmentData', { attachmentId: info.id });
    expect(Buffer.from(original.dataBase64, 'base64').equals(photo)).toBe(true);
    // What a printed record reads: the copy, not the 5 MB original.
    expect(Buffer.from(printPhotoData(demo.service.ledger, info.id)).equals(copy)).toBe(true);
  });

  it('puts the stored print copy into the book instead of shrinking the original again', async () => {
    // A copy that differs from what shrinking would give proves the export took the stored file.
    const marker = markerJpeg(800, 600);
    writeFileSync(printCopyPath(demo.service.ledger.path, sha256), marker);
    const media = await bookMedia();
    expect(media.some((m) => m.equals(marker))).toBe(true);
    expect(media.some((m) => m.equals(photo))).toBe(false);
  });

  it('shrinks a photo that has no print copy while exporting, and keeps the copy for the next export', async () => {
    const path = printCopyPath(demo.service.ledger.path, sha256);
    rmSync(path);
    const media = await bookMedia();
    expect(existsSync(path)).toBe(true);
    const copy = readFileSync(path);
    expect(media.some((m) => m.equals(copy))).toBe(true);
    expect(imageInfo(copy)?.width).toBeLessThanOrEqual(1200);
  });

  it('removes the print copy with the last record that uses the photo, and keeps the original', async () => {
    const second = await demo.service.call('life.attach', {
      meetingId: meetingIds[1] ?? 0,
      fileName: '同一张照片.jpg',
      dataBase64: photo.toString('base64'),
    });
    expect(second.sha256).toBe(sha256);
    const path = printCopyPath(demo.service.ledger.path, sha256);
    await demo.service.call('life.detach', { attachmentId: firstId });
    expect(existsSync(path)).toBe(true);
    await demo.service.call('life.detach', { attachmentId: second.id });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(attachmentsDir(demo.service.ledger.path), sha256))).toBe(true);
  });
});
