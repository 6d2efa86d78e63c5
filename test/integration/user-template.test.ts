import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { fillTemplate, openDocx, scanTemplate } from '../../electron/core/export/docx/user-template.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { committeeTemplate } from '../fixtures/templates/record-templates.ts';
import { openTestService, SAMPLE_MEMBER, tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A branch with a 支委会 of 2026-03-12 whose names include 堃 (outside GB2312). */
async function ledgerWithMeeting() {
  const t = tempLedgerDir('user-template-');
  cleanups.push(t.cleanup);
  const service = openTestService(t.dbPath);
  cleanups.push(() => service.close());
  const units = await service.call('org.setup', {
    committee: { name: '中共测试公司委员会' },
    branches: [{ name: '第一党支部', groups: [] }],
  });
  const branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;
  const ids: number[] = [];
  for (const name of ['张伟', '王堃', '李娜']) {
    const m = await service.call('member.create', { ...SAMPLE_MEMBER, name, idNumber: undefined, branchId });
    ids.push(m.id);
  }
  for (const [i, post] of (['书记', '组织委员', '宣传委员'] as const).entries()) {
    await service.call('member.assignPost', { memberId: ids[i] ?? 0, post, unitId: branchId, fromDate: '2020-01-01' });
  }
  const meeting = await service.call('life.save', {
    branchId,
    kind: '支委会',
    title: '研究发展党员工作',
    heldOn: '2026-03-12',
    startTime: '09:00',
    endTime: '11:00',
    place: '党员活动室 <二楼> & 会议室',
    host: '张伟',
    recorder: '王堃',
    agenda: ['讨论积极分子人选', '部署党费收缴'],
    content: '张伟传达上级要求。\n王堃汇报培养考察情况。',
    extra: { category: ['发展党员', '党费收缴'] },
    attendance: [
      { memberId: ids[0] ?? 0, name: '张伟', status: '出席' },
      { memberId: ids[1] ?? 0, name: '王堃', status: '出席' },
      { memberId: ids[2] ?? 0, name: '李娜', status: '请假', reason: '出差' },
    ],
    decisions: [{ text: '确定2名积极分子', owner: '王堃', dueDate: '2026-04-30' }],
  });
  return { service, branchId, meetingId: meeting.id };
}

function documentXml(base64: string): { body: string; parts: Record<string, string> } {
  const files = unzipSync(Buffer.from(base64, 'base64'));
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) if (name.endsWith('.xml')) parts[name] = strFromU8(data);
  return { body: parts['word/document.xml'] ?? '', parts };
}

/** The visible text of a part: <w:t> contents joined, <w:br/> as a line break. */
function visibleText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
    .map((m) => (m[0] === '<w:br/>' ? '\n' : (m[1] ?? '')))
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function auditCount(service: LedgerService): Promise<number> {
  return (await service.call('audit.recent', { limit: 500 })).length;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** A minimal .docx: just the content types and a body. */
const docx = (body: string) =>
  zipSync({
    '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
    'word/document.xml': new TextEncoder().encode(
      `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ),
  });

describe('a committee’s own .docx record template', () => {
  it('is imported with its placeholders (one split across three runs) and fills a 支委会 export', async () => {
    const { service, meetingId } = await ledgerWithMeeting();
    const before = await auditCount(service);
    const template = await committeeTemplate();
    // The fixture really is split: no single run holds the whole placeholder.
    expect(strFromU8(unzipSync(template)['word/document.xml'] as Uint8Array)).not.toContain('{{会议时间}}');

    const info = await service.call('documents.importTemplate', {
      kind: '支委会',
      fileName: '支委会.docx',
      dataBase64: b64(template),
    });
    expect(info.placeholders).toEqual([
      '支部名称',
      '会议时间',
      '地点',
      '主持人',
      '记录人',
      '出席人员',
      '缺席人员及原因',
      '会议类别',
      '议题',
      '内容',
      '决议',
      '日期',
    ]);
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await auditCount(service)).toBe(before + 1);
    const listed = await service.call('documents.listTemplates', {});
    expect(listed.find((k) => k.kind === '支委会')?.template?.fileName).toBe('支委会.docx');
    expect(listed.find((k) => k.kind === '党员大会')?.template).toBeNull();

    const doc = await service.call('export.meetingDocx', { meetingId });
    const { body, parts } = documentXml(doc.dataBase64);
    const text = visibleText(body);
    expect(text).toContain('第一党支部支部委员会会议记录');
    expect(text).toContain('2026年3月12日　09:00—11:00');
    // XML-escaped on the way in, read back intact.
    expect(text).toContain('党员活动室 <二楼> & 会议室');
    expect(body).toContain('党员活动室 &lt;二楼&gt; &amp; 会议室');
    expect(text).toContain('张伟　记录人：王堃');
    expect(text).toContain('张伟、王堃');
    expect(text).toContain('李娜（请假：出差）');
    expect(text).toContain('发展党员、党费收缴');
    // Multi-line values become line breaks inside the run.
    expect(text).toContain('1. 讨论积极分子人选\n2. 部署党费收缴');
    expect(text).toContain('张伟传达上级要求。\n王堃汇报培养考察情况。');
    expect(text).toContain('确定2名积极分子');
    expect(text).toContain('（本记录由王堃整理）');
    // The first run of the split placeholder keeps its (bold) formatting.
    expect(body).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*2026年3月12日/s);
    const header = Object.entries(parts).find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? '';
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(visibleText(header)).toBe('第一党支部');
    expect(visibleText(footer)).toBe('记录日期：2026年3月12日');
    for (const xml of Object.values(parts)) {
      expect(xml).not.toContain('{{');
      expect(xml).not.toContain('}}');
    }
    expect(doc.fileName).toBe('第一党支部2026-03-12支委会记录.docx');
  });

  it('refuses unknown placeholders naming the file and each placeholder, and changes nothing', async () => {
    const { service } = await ledgerWithMeeting();
    const before = await auditCount(service);
    const result = await service.invoke(
      'documents.importTemplate',
      { kind: '支委会', fileName: '支委会.docx', dataBase64: b64(await committeeTemplate({ unknown: '会议地址' })) },
      'bridge',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_FILE');
    expect(result.error.message).toContain('模板《支委会.docx》中的占位符 {{会议地址}} 不存在，可用的有：');
    expect(result.error.message).toContain('{{会议时间}}');
    expect(result.error.details).toEqual([
      { file: '支委会.docx', field: '{{会议地址}}', message: '支委会记录没有这个占位符' },
    ]);
    expect(await auditCount(service)).toBe(before);
    expect((await service.call('documents.listTemplates', {})).every((k) => k.template === null)).toBe(true);
  });

  it('refuses a placeholder of another kind’s block: 授课人 belongs to 党课, not 支委会', async () => {
    const { service } = await ledgerWithMeeting();
    const result = await service.invoke(
      'documents.importTemplate',
      { kind: '支委会', fileName: 'a.docx', dataBase64: b64(await committeeTemplate({ unknown: '授课人' })) },
      'bridge',
    );
    expect(result.ok ? '' : result.error.message).toContain('{{授课人}} 不存在');
    const lecture = await service.call('documents.placeholders', { kind: '党课' });
    expect(lecture.map((p) => p.key)).toContain('授课人');
    expect(lecture.find((p) => p.key === '授课形式')?.scope).toBe('kind');
  });

  it('refuses a broken placeholder, a file that is not a .docx, an encrypted file and a zip without a document', async () => {
    const { service } = await ledgerWithMeeting();
    const refuse = async (fileName: string, data: Uint8Array) => {
      const result = await service.invoke(
        'documents.importTemplate',
        { kind: '支委会', fileName, dataBase64: b64(data) },
        'bridge',
      );
      if (result.ok) throw new Error(`${fileName} was accepted`);
      expect(result.error.code).toBe('BAD_FILE');
      expect(result.error.message).toContain(`《${fileName}》`);
      return result.error.message;
    };
    expect(await refuse('残缺.docx', await committeeTemplate({ broken: true }))).toContain('不完整的占位符');
    expect(await refuse('记录.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n'))).toContain('不是 Word 文档');
    const ole = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    expect(await refuse('加密.docx', ole)).toContain('加密');
    expect(await refuse('空壳.docx', zipSync({ 'readme.txt': new TextEncoder().encode('hi') }))).toContain(
      'word/document.xml',
    );
    expect(await refuse('截断.docx', (await committeeTemplate()).subarray(0, 2000))).toContain('已损坏');
    expect((await service.call('documents.listTemplates', {})).every((k) => k.template === null)).toBe(true);
  });

  it('refuses a zip that declares more than the entry limit before inflating anything', async () => {
    const { service } = await ledgerWithMeeting();
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 1200; i += 1) many[`word/media/x${i}.bin`] = new Uint8Array(1);
    many['word/document.xml'] = new TextEncoder().encode('<w:document/>');
    many['[Content_Types].xml'] = new TextEncoder().encode('<Types/>');
    const result = await service.invoke(
      'documents.importTemplate',
      { kind: '支委会', fileName: '炸弹.docx', dataBase64: b64(zipSync(many, { level: 0 })) },
      'bridge',
    );
    expect(result.ok ? '' : result.error.message).toContain('超过 1000 个');
  });

  it('replaces the active template on a new import, and deleting it brings back the built-in layout', async () => {
    const { service, meetingId } = await ledgerWithMeeting();
    const first = await service.call('documents.importTemplate', {
      kind: '支委会',
      fileName: '旧版.docx',
      dataBase64: b64(await committeeTemplate()),
    });
    const second = await service.call('documents.importTemplate', {
      kind: '支委会',
      fileName: '新版.docx',
      dataBase64: b64(await committeeTemplate()),
    });
    expect(second.id).not.toBe(first.id);
    const listed = await service.call('documents.listTemplates', {});
    expect(listed.find((k) => k.kind === '支委会')?.template?.fileName).toBe('新版.docx');
    const audit = await service.call('audit.recent', { limit: 5 });
    expect(audit.map((a) => a.summary)).toContain('支委会记录模板由《旧版.docx》换为《新版.docx》');

    await service.call('documents.deleteTemplate', { id: second.id });
    const builtIn = await service.call('export.meetingDocx', { meetingId });
    // The built-in layout: a form table with its labels, and a page count of our own layout.
    expect(builtIn.pages).toBeGreaterThanOrEqual(1);
    expect(visibleText(documentXml(builtIn.dataBase64).body)).toContain('研究发展党员工作');
    const gone = await service.invoke('documents.deleteTemplate', { id: second.id }, 'bridge');
    expect(gone.ok ? '' : gone.error.code).toBe('NOT_FOUND');
  });

  it('refuses to export through a stored template that no longer fits the catalog, naming it and the placeholder', async () => {
    const { service, meetingId } = await ledgerWithMeeting();
    await service.call('documents.importTemplate', {
      kind: '党课',
      fileName: '党课.docx',
      dataBase64: b64(docx('<w:p><w:r><w:t>授课人：{{授课人}}</w:t></w:r></w:p>')),
    });
    // As if a newer template pack had dropped {{授课人}} from the 支委会 catalog under a stored template.
    service.ledger.db.raw.prepare("UPDATE doc_template SET kind = '支委会' WHERE file_name = '党课.docx'").run();
    const result = await service.invoke('export.meetingDocx', { meetingId }, 'bridge');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_FILE');
    expect(result.error.message).toContain('支委会记录模板《党课.docx》中的占位符 {{授课人}} 已不可用');
  });

  it('warns when the template itself uses a GB2312-only font and a name has 堃', async () => {
    const { service, meetingId } = await ledgerWithMeeting();
    await service.call('documents.importTemplate', {
      kind: '支委会',
      fileName: '仿宋GB.docx',
      dataBase64: b64(await committeeTemplate({ font: '仿宋_GB2312' })),
    });
    const doc = await service.call('export.meetingDocx', { meetingId });
    expect(doc.warnings.join('\n')).toContain('“王堃”中的“堃”不在 GB2312 字符集中');
  });
});

describe('placeholders in Word’s run structure', () => {
  it('finds placeholders split by proofing marks, two in one run, and inside a text box paragraph', () => {
    const pkg = openDocx(
      docx(
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{</w:t></w:r><w:proofErr w:type="spellStart"/>' +
          '<w:r><w:t>主持</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">人}} 与 {{记录人}}{{日期}}</w:t></w:r>' +
          '<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>{{地点}}</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>' +
          '<w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p>',
      ),
      'x.docx',
    );
    expect(scanTemplate(pkg, 'x.docx').placeholders).toEqual(['主持人', '记录人', '日期', '地点']);
    const values = new Map([
      ['主持人', '张伟'],
      ['记录人', '王<芳>'],
      ['日期', '第一行\n第二行'],
      ['地点', '会议室'],
    ]);
    const xml = strFromU8(unzipSync(fillTemplate(pkg, 'x.docx', values))['word/document.xml'] as Uint8Array);
    // The merged placeholder went into the first (bold) run; the runs it came from are emptied.
    expect(xml).toContain('<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">张伟</w:t>');
    expect(xml).toContain(
      '<w:t xml:space="preserve"> 与 王&lt;芳&gt;第一行</w:t><w:br/><w:t xml:space="preserve">第二行</w:t>',
    );
    expect(xml).toContain('<w:t xml:space="preserve">会议室</w:t>');
    // Text outside placeholders is left as written.
    expect(xml).toContain('<w:t>A &amp; B</w:t>');
    expect(xml).not.toContain('{{');
  });
});
