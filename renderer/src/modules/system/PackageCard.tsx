import { CloudUploadOutlined, FileZipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Modal, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportReport, PackageImportReport, PackageVerifyReport } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useBranch } from '../../app/useBranch.ts';
import { useReportError } from '../../components/ApiErrorView.tsx';
import { downloadBase64 } from '../../components/download.ts';
import { fileToBase64 } from '../../components/fileBase64.ts';
import { yearOptions } from '../../components/YearSelect.tsx';

const ZIP_MIME = 'application/zip';

const STATUS: Record<PackageVerifyReport['status'], { type: 'success' | 'warning' | 'error' | 'info'; word: string }> =
  {
    intact: { type: 'success', word: '完好' },
    edited: { type: 'warning', word: '导出后被改动' },
    'bad-signature': { type: 'error', word: '签名无效' },
    unsigned: { type: 'info', word: '未签名' },
  };

function branchLine(report: ImportReport): string {
  return report.branch.name ? `导入到：${report.branch.name}。` : '';
}

function attachmentLine(report: PackageImportReport): string {
  const a = report.attachments;
  if (a.total === 0) return '台账包中没有附件。';
  return report.import.committed
    ? `附件 ${a.total} 个：新存入 ${a.copied} 个，原已存在 ${a.alreadyPresent} 个。`
    : `含附件 ${a.total} 个。`;
}

/** The verify message already names every changed file and up to five records per file. */
function VerifyAlert({ report }: { report: PackageVerifyReport }) {
  const status = STATUS[report.status];
  return <Alert type={status.type} showIcon title={`${report.file}：${status.word}`} description={report.message} />;
}

function ImportCounts({ report }: { report: ImportReport }) {
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Table
        size="small"
        pagination={false}
        rowKey="sheet"
        dataSource={report.sheets}
        locale={{ emptyText: '台账包中没有可导入的记录' }}
        columns={[
          { title: '内容', dataIndex: 'sheet' },
          { title: '新增', dataIndex: 'added', align: 'right' },
          { title: '更新', dataIndex: 'updated', align: 'right' },
          { title: '未变', dataIndex: 'unchanged', align: 'right' },
          { title: '拒绝', dataIndex: 'refused', align: 'right' },
        ]}
      />
      {report.refusals.length > 0 ? (
        <Alert
          type="error"
          title={`${report.refusals.length} 条记录有问题`}
          description={report.refusals.slice(0, 10).map((r) => (
            <div key={`${r.sheet}-${r.row}-${r.field}-${r.message}`}>
              {r.sheet}
              {r.field ? `【${r.field}】` : ''}：{r.message}
            </div>
          ))}
        />
      ) : null}
      {report.notImported.length > 0 ? (
        <Typography.Text type="secondary">
          本版本暂不导入：{report.notImported.join('、')}（保留在台账包中）
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/**
 * 台账包: the signed full-fidelity .zip (all records, attachments, template pack) to hand to the
 * auditor or move to another computer; checking one; and importing one — previewed first (a dry
 * run), written only after the person confirms.
 */
export function PackageCard({ onChanged }: { onChanged?: () => void }) {
  const { branch } = useBranch();
  const reportError = useReportError();
  const [scope, setScope] = useState<'branch' | 'all'>('branch');
  const [year, setYear] = useState<number | null>(new Date().getFullYear());
  const [busy, setBusy] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [verified, setVerified] = useState<PackageVerifyReport | null>(null);
  const [preview, setPreview] = useState<{ report: PackageImportReport; dataBase64: string } | null>(null);
  const [imported, setImported] = useState<PackageImportReport | null>(null);

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(null);
    }
  };

  const exportPackage = () =>
    run('export', async () => {
      const out = await call('package.export', scope === 'all' ? { all: true, year } : { branchId: branch.id, year });
      downloadBase64(out.fileName, out.dataBase64, ZIP_MIME);
      // The export is audited (full ID numbers leave the ledger): the audit card should show it.
      onChanged?.();
      setExported(
        `已导出“${out.fileName}”：${out.fileCount} 个文件，其中附件 ${out.attachmentCount} 个，签名公钥指纹 ${out.fingerprint}。`,
      );
    });

  const pick = (what: 'verify' | 'import') => (file: File) => {
    void run(what, async () => {
      const dataBase64 = await fileToBase64(file);
      setImported(null);
      setVerified(null);
      if (what === 'verify') setVerified(await call('package.verify', { fileName: file.name, dataBase64 }));
      else
        setPreview({
          report: await call('package.import', { fileName: file.name, dataBase64, dryRun: true }),
          dataBase64,
        });
    });
    return false;
  };

  const confirmImport = () => {
    const current = preview;
    if (!current) return;
    void run('confirm', async () => {
      const report = await call('package.import', { fileName: current.report.file, dataBase64: current.dataBase64 });
      setPreview(null);
      setImported(report);
      onChanged?.();
    });
  };

  const previewChanges = preview
    ? preview.report.import.rows.filter((r) => r.outcome === 'added' || r.outcome === 'updated').length
    : 0;
  const previewBlocked = preview ? preview.report.import.refusedFile || previewChanges === 0 : true;

  return (
    <Card size="small" title="台账包（完整导出与导入）">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          台账包（.zip）包含全部记录、附件和模板包，并带本台账的签名，用于报送上级审核或在另一台电脑上导入。
          台账包含完整公民身份号码，请妥善保管。
        </Typography.Text>
        <Space wrap>
          <Select
            aria-label="导出范围"
            value={scope}
            onChange={setScope}
            style={{ width: 150 }}
            options={[
              { value: 'branch', label: branch.name.length > 8 ? '本支部' : branch.name },
              { value: 'all', label: '全部党支部' },
            ]}
          />
          <Select
            aria-label="导出年度"
            value={year ?? 0}
            onChange={(value) => setYear(value === 0 ? null : value)}
            style={{ width: 120 }}
            options={[{ value: 0, label: '全部年度' }, ...yearOptions()]}
          />
          <Popconfirm
            title="导出台账包"
            description="台账包含完整公民身份号码和全部附件，导出将记入审计日志。确定导出？"
            okText="导出"
            cancelText="取消"
            onConfirm={exportPackage}
          >
            <Button type="primary" icon={<FileZipOutlined />} loading={busy === 'export'}>
              导出台账包
            </Button>
          </Popconfirm>
          <Upload accept=".zip" showUploadList={false} beforeUpload={pick('verify')}>
            <Button icon={<SafetyCertificateOutlined />} loading={busy === 'verify'}>
              核验台账包
            </Button>
          </Upload>
          <Upload accept=".zip" showUploadList={false} beforeUpload={pick('import')}>
            <Button icon={<CloudUploadOutlined />} loading={busy === 'import'}>
              导入台账包
            </Button>
          </Upload>
        </Space>
        {exported ? (
          <Alert type="success" showIcon title={exported} closable onClose={() => setExported(null)} />
        ) : null}
        {verified ? <VerifyAlert report={verified} /> : null}
        {imported ? (
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Alert
              type={imported.import.committed ? 'success' : imported.import.refusedFile ? 'error' : 'info'}
              showIcon
              title={imported.import.message}
              description={`${branchLine(imported.import)}${attachmentLine(imported)}`}
            />
            <VerifyAlert report={imported.verify} />
            <ImportCounts report={imported.import} />
          </Space>
        ) : null}
        {!exported && !verified && !imported ? (
          <Typography.Text type="secondary">
            选择范围和年度后点“导出台账包”；收到其他支部或电脑的台账包时，点“核验台账包”查看是否被改动，或点“导入台账包”先预览再导入。
          </Typography.Text>
        ) : null}
      </Space>
      <Modal
        open={preview !== null}
        title={preview ? `导入预览：${preview.report.file}` : ''}
        width={720}
        okText="确认导入"
        cancelText="取消"
        okButtonProps={{ disabled: previewBlocked, loading: busy === 'confirm' }}
        onOk={confirmImport}
        onCancel={() => setPreview(null)}
      >
        {preview ? (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <VerifyAlert report={preview.report.verify} />
            <Alert
              type={preview.report.import.refusedFile ? 'error' : 'info'}
              showIcon
              title={preview.report.import.message}
              description={
                previewBlocked
                  ? '台账未做任何修改。'
                  : `${branchLine(preview.report.import)}确认后将写入台账（导入前会自动备份）。${attachmentLine(preview.report)}`
              }
            />
            <ImportCounts report={preview.report.import} />
          </Space>
        ) : null}
      </Modal>
    </Card>
  );
}
