import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../electron/core/demo/generate.ts';
import { LedgerError } from '../../electron/core/errors.ts';
import { runVerifyFiles } from '../../electron/core/package/cli-commands.ts';
import { parseInWorker } from '../../electron/core/package/run-parse.ts';
import { PACKAGE_LIMITS, readZip, UnsafeZip, unsafeNameReason } from '../../electron/core/package/safe-zip.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { ledgerState } from '../fixtures/hostile/ledger-state.ts';
import { type HostileFile, rawZip, writeHostileCorpus } from '../fixtures/hostile/make-hostile.ts';
import { openTestService, tempLedgerDir } from '../helpers/ledger.ts';

/**
 * Issue #7, "hostile and broken files never hurt": every file of the corpus, through every real
 * entry point it could reach (workbook verify and import, roster import, package verify and
 * import), ends with a clear Chinese message — a refusal naming the file, or a verify report —
 * and the ledger (every table, the audit log, the attachment store) is exactly as before.
 * Only that each run ENDS is checked, never how fast.
 */

let ledgerDir: { dir: string; dbPath: string; cleanup: () => void };
let service: LedgerService;
let branchId: number;
let corpusDir: string;
let corpus: HostileFile[];

beforeAll(async () => {
  ledgerDir = tempLedgerDir('hostile-');
  service = openTestService(ledgerDir.dbPath);
  generateDemo(service.ledger, { branches: 1, members: 12, years: 1, seed: 3 });
  const branch = (await service.call('org.list', {})).find((u) => u.kind === '党支部');
  if (!branch) throw new Error('demo made no branch');
  branchId = branch.id;
  const exported = await service.call('package.export', { branchId, year: 2026 });
  const valid = Buffer.from(exported.dataBase64, 'base64');
  const meeting = (await service.call('life.list', { branchId, year: 2026 }))[0];
  if (!meeting) throw new Error('demo made no meeting');
  // The package needs an attachment for the "missing attachment" case: add one and export again.
  await service.call('life.attach', {
    meetingId: meeting.id,
    fileName: '签到表.pdf',
    dataBase64: Buffer.from('%PDF-1.4\n% test\n').toString('base64'),
  });
  const withAttachment = Buffer.from(
    (await service.call('package.export', { branchId, year: 2026 })).dataBase64,
    'base64',
  );
  expect(valid.length).toBeGreaterThan(0);
  corpusDir = mkdtempSync(join(tmpdir(), 'hostile-corpus-'));
  corpus = writeHostileCorpus(corpusDir, withAttachment, (change) => {
    const files = readZip(withAttachment, PACKAGE_LIMITS);
    change(files);
    const zippable: Zippable = {};
    for (const [name, data] of files) zippable[name] = data;
    return Buffer.from(zipSync(zippable));
  });
}, 180_000);

afterAll(() => {
  service?.close();
  ledgerDir?.cleanup();
  if (corpusDir) rmSync(corpusDir, { recursive: true, force: true });
});

/** The message a person sees: the refusal's, or the report's. */
async function outcome(
  file: HostileFile,
  via: HostileFile['via'][number],
): Promise<{ message: string; status?: string }> {
  const fileName = file.name;
  const dataBase64 = readFileSync(join(corpusDir, fileName)).toString('base64');
  try {
    switch (via) {
      case 'workbook.verify': {
        // Through the service (its handler reads the file in the parse worker, under its limits); an
        // empty file never passes the contract, so its bytes go to the worker's reader directly.
        const report =
          dataBase64 === ''
            ? await parseInWorker({ kind: 'workbook.verify', fileName, bytes: new Uint8Array(0), thisLedger: null })
            : await service.call('workbook.verify', { fileName, dataBase64 });
        return { message: report.message, status: report.status };
      }
      case 'workbook.import': {
        const report = await service.call('import.workbook', { fileName, dataBase64, branchId });
        expect(report.committed).toBe(false);
        return { message: report.message, status: 'refused' };
      }
      case 'roster.import': {
        const report = await service.call('member.importCommit', { fileName, dataBase64, branchId });
        expect(report.imported ?? 0).toBe(0);
        return { message: JSON.stringify(report), status: 'refused' };
      }
      case 'package.verify': {
        const report = await service.call('package.verify', { fileName, dataBase64 });
        return { message: report.message, status: report.status };
      }
      case 'package.import': {
        const report = await service.call('package.import', { fileName, dataBase64 });
        expect(report.import.committed).toBe(false);
        return { message: report.import.message, status: 'refused' };
      }
    }
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    // A refusal names the file; it is never the "internal error" of a program that fell over.
    expect(error.code).not.toBe('INTERNAL');
    expect(error.message).toContain(fileName);
    return { message: error.message };
  }
}

describe('hostile and broken files', () => {
  it('the corpus has at least 15 files, workbooks and packages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    expect(corpus.filter((f) => f.name.endsWith('.zip')).length).toBeGreaterThanOrEqual(8);
    expect(corpus.filter((f) => !f.name.endsWith('.zip')).length).toBeGreaterThanOrEqual(8);
  });

  it('each ends with its clear message, and the ledger is unchanged', async () => {
    const before = ledgerState(service.ledger);
    const seen: string[] = [];
    for (const file of corpus) {
      for (const via of file.via) {
        const started = performance.now();
        const result = await outcome(file, via);
        // Printed for a person reading the log; never asserted.
        const ms = Math.round(performance.now() - started);
        seen.push(`${file.name} ${via} (${ms} ms): ${result.status ?? 'refused'} — ${result.message.slice(0, 160)}`);
        // A workbook without our manifest is "unsigned" information in verify; every other path must say what is wrong.
        const expected = via === 'workbook.verify' && result.status === 'unsigned' ? /没有导出签名清单/ : file.expect;
        expect(result.message, `${file.name} via ${via}`).toMatch(expected);
        if (file.verifyStatus && via === 'package.verify') expect(result.status).toBe(file.verifyStatus);
        expect(result.message, `${file.name} via ${via}`).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    process.stdout.write(`${seen.join('\n')}\n`);
    expect(ledgerState(service.ledger)).toEqual(before);
  }, 600_000);

  it('a worker that runs out of heap or time ends with a message, not a crash', async () => {
    const bytes = readFileSync(join(corpusDir, '一百万行.xlsx'));
    await expect(
      parseInWorker(
        { kind: 'workbook.verify', fileName: 'big.xlsx', bytes, thisLedger: null },
        {
          maxOldGenerationSizeMb: 16,
          timeoutMs: 60_000,
        },
      ),
    ).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/big\.xlsx.*(内存|无法)/) });
    await expect(
      parseInWorker(
        { kind: 'workbook.verify', fileName: 'slow.xlsx', bytes, thisLedger: null },
        {
          maxOldGenerationSizeMb: 512,
          timeoutMs: 1,
        },
      ),
    ).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringContaining('已停止') });
  }, 120_000);

  it('the CLI verifies a mixed batch: one line per file, exit 3 when a file is unreadable', async () => {
    const out: string[] = [];
    const code = await runVerifyFiles(
      [join(corpusDir, '路径穿越.zip'), join(corpusDir, '伪造签名.zip'), join(corpusDir, '空文件.xlsx')],
      { json: false },
      { out: (t) => out.push(t), err: () => {} },
    );
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^✗ 路径穿越\.zip：无法读取/);
    expect(out[1]).toMatch(/^✗ 伪造签名\.zip：签名无效/);
    // A bad signature outranks an unreadable file: the auditor must not miss it.
    expect(code).toBe(1);
  });
});

describe('the safe zip reader', () => {
  it.each([
    ['data/meetings.json', null],
    ['attachments/ab.png', null],
    ['../evil', '含有“..”（可能写到文件夹之外）'],
    ['data/../../evil', '含有“..”（可能写到文件夹之外）'],
    ['/etc/passwd', '使用了绝对路径'],
    ['C:/Windows/evil.dll', '含有盘符'],
    ['data\\evil', '名称含有反斜杠“\\”'],
    ['data//x', '路径格式不规范'],
    ['./x', '路径格式不规范'],
    ['a\0b', '名称含有空字符'],
    ['', '名称为空'],
  ])('judges the entry name %j', (name, reason) => {
    expect(unsafeNameReason(name)).toBe(reason);
  });

  it('refuses an entry whose bytes do not match their CRC-32', () => {
    const zip = rawZip([{ name: 'data/a.json', data: Buffer.from('[1,2,3]'), method: 0 }]);
    zip[30 + 'data/a.json'.length + 1] = 0x39;
    expect(() => readZip(zip, PACKAGE_LIMITS)).toThrow(UnsafeZip);
    expect(() => readZip(zip, PACKAGE_LIMITS)).toThrow(/校验值（CRC）不符/);
  });

  it('stops inflating a bomb as soon as it passes the size it declared', () => {
    const zip = rawZip([{ name: 'data/a.json', data: Buffer.alloc(50 * 1024 * 1024), declaredSize: 10 }]);
    expect(() => readZip(zip, PACKAGE_LIMITS)).toThrow(/实际解压大小超过其声明的大小/);
  });
});
