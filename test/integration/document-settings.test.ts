import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../electron/cli/main.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, SAMPLE_MEMBER, tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A branch whose members include 王堃 and 吉𠮷 (both outside GB2312; 𠮷 is outside the BMP too). */
async function ledger() {
  const t = tempLedgerDir('document-settings-');
  cleanups.push(t.cleanup);
  let service = openTestService(t.dbPath);
  cleanups.push(() => service.close());
  const units = await service.call('org.setup', {
    committee: { name: '中共测试公司委员会' },
    branches: [{ name: '第一党支部', groups: [] }],
  });
  const branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;
  for (const name of ['张伟', '王堃', '吉𠮷', '李娜'])
    await service.call('member.create', { ...SAMPLE_MEMBER, name, idNumber: undefined, branchId });
  const reopen = () => {
    service.close();
    service = openTestService(t.dbPath);
    return service;
  };
  return { service, branchId, dbPath: t.dbPath, dir: t.dir, reopen };
}

function parts(base64OrBytes: string | Uint8Array): { styles: string; document: string } {
  const bytes = typeof base64OrBytes === 'string' ? Buffer.from(base64OrBytes, 'base64') : base64OrBytes;
  const files = unzipSync(bytes);
  return {
    styles: strFromU8(files['word/styles.xml'] as Uint8Array),
    document: strFromU8(files['word/document.xml'] as Uint8Array),
  };
}

/** The eastAsia font of the document defaults (w:docDefaults), which every body run inherits. */
function defaultEastAsia(styles: string): string | undefined {
  const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
  return /w:eastAsia="([^"]+)"/.exec(defaults)?.[1];
}

async function audit(service: LedgerService) {
  return service.call('audit.recent', { limit: 200 });
}

describe('per-ledger document fonts', () => {
  it('start at the defaults, and list the members whose names a GB2312-only font cannot print', async () => {
    const { service } = await ledger();
    const info = await service.call('documents.getFonts', {});
    expect(info.fonts).toEqual(info.defaults);
    expect(info.fonts).toMatchObject({ body: '仿宋', title: '方正小标宋简体', heading1: '黑体', pageNumber: '宋体' });
    expect(info.stored).toEqual({});
    expect(info.rareNames).toEqual(
      expect.arrayContaining([
        { name: '王堃', characters: ['堃'] },
        { name: '吉𠮷', characters: ['𠮷'] },
      ]),
    );
    expect(info.rareNames.map((n) => n.name)).not.toContain('张伟');
    // 仿宋 (not the _GB2312 product) covers these names: no warning.
    expect(info.warnings).toEqual([]);
    expect(info.suggestions.find((s) => s.name === '仿宋_GB2312')?.gb2312Only).toBe(true);
    expect(info.suggestions.find((s) => s.name === '方正仿宋_GBK')?.gb2312Only).toBe(false);
  });

  it('are stored with one audit entry, survive reopening, and warn for 堃 and 𠮷 with a GB2312-only font', async () => {
    const { service, reopen } = await ledger();
    const before = (await audit(service)).length;
    const saved = await service.call('documents.setFonts', {
      fonts: {
        body: '仿宋_GB2312',
        title: '方正小标宋_GBK',
        heading1: '黑体',
        heading2: '楷体_GB2312',
        pageNumber: '',
      },
    });
    // 黑体 is the default: not stored, so a later change of the default reaches it.
    expect(saved.stored).toEqual({ body: '仿宋_GB2312', title: '方正小标宋_GBK', heading2: '楷体_GB2312' });
    expect(saved.fonts.pageNumber).toBe('宋体');
    expect(saved.warnings).toHaveLength(2);
    expect(saved.warnings.join('\n')).toContain('“王堃”中的“堃”不在 GB2312 字符集中');
    expect(saved.warnings.join('\n')).toContain('“吉𠮷”中的“𠮷”不在 GB2312 字符集中');
    const entries = await audit(service);
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ action: 'documents.setFonts', entity: 'document_fonts' });
    expect(entries[0]?.summary).toBe('文档字体设为：正文 仿宋_GB2312，标题 方正小标宋_GBK，二级标题 楷体_GB2312');

    const again = reopen();
    expect((await again.call('documents.getFonts', {})).stored).toEqual(saved.stored);
  });

  it('refuse a font name with markup and change nothing', async () => {
    const { service } = await ledger();
    const before = (await audit(service)).length;
    const result = await service.invoke('documents.setFonts', { fonts: { body: '仿宋"/><w:x' } }, 'bridge');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.details[0]?.message).toContain('字体名称不能包含');
    }
    expect((await audit(service)).length).toBe(before);
    expect((await service.call('documents.getFonts', {})).stored).toEqual({});
  });

  it('are applied to the exported book in every slot; an explicit override wins for its slot only', async () => {
    const { service, branchId } = await ledger();
    await service.call('documents.setFonts', {
      fonts: { body: '仿宋_GB2312', title: '方正小标宋_GBK', heading1: '方正黑体_GBK', heading2: '楷体_GB2312' },
    });
    const book = await service.call('export.ledgerDocx', { branchId, year: 2026 });
    const { styles, document } = parts(book.dataBase64);
    expect(defaultEastAsia(styles)).toBe('仿宋_GB2312');
    expect(styles).toContain(
      '<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:hint="eastAsia"/>',
    );
    expect(document).toContain('w:eastAsia="方正小标宋_GBK"');
    expect(document).toContain('w:eastAsia="方正黑体_GBK"');
    expect(document).toContain('w:eastAsia="楷体_GB2312"');
    expect(document).not.toContain('w:eastAsia="方正小标宋简体"');
    expect(book.warnings.join('\n')).toContain('“王堃”中的“堃”不在 GB2312 字符集中');
    // 𠮷 survives export byte for byte.
    expect(document).toContain('吉𠮷');

    const overridden = await service.call('export.ledgerDocx', { branchId, year: 2026, fonts: { body: '仿宋' } });
    const o = parts(overridden.dataBase64);
    expect(defaultEastAsia(o.styles)).toBe('仿宋');
    expect(o.document).toContain('w:eastAsia="方正小标宋_GBK"');
    expect(overridden.warnings.join('\n')).toContain('楷体_GB2312');
  });

  it('恢复默认 clears the stored fonts (audited), and the book goes back to 仿宋', async () => {
    const { service, branchId } = await ledger();
    await service.call('documents.setFonts', { fonts: { body: '仿宋_GB2312' } });
    const reset = await service.call('documents.setFonts', { fonts: {} });
    expect(reset.stored).toEqual({});
    expect(reset.warnings).toEqual([]);
    expect((await audit(service))[0]?.summary).toBe('文档字体恢复默认');
    const book = await service.call('export.ledgerDocx', { branchId, year: 2026 });
    expect(defaultEastAsia(parts(book.dataBase64).styles)).toBe('仿宋');
    expect(book.warnings).toEqual([]);
  });

  it('are used by `branch-ledger export --format docx` on the same ledger', async () => {
    const { service, branchId, dbPath, dir } = await ledger();
    await service.call('documents.setFonts', { fonts: { body: '方正仿宋_GBK' } });
    service.close();
    const out = join(dir, 'book.docx');
    const err: string[] = [];
    const code = await main(
      ['export', '--db', dbPath, '--branch', String(branchId), '--year', '2026', '--format', 'docx', '--out', out],
      { out: () => {}, err: (t) => err.push(t) },
    );
    expect(code, err.join('\n')).toBe(EXIT.ok);
    expect(defaultEastAsia(parts(readFileSync(out)).styles)).toBe('方正仿宋_GBK');
  });
});
