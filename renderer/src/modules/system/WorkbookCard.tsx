import { DownloadOutlined, FileExcelOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { VerifyReport } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { useReportError } from '../../components/ApiErrorView.tsx';
import { downloadBase64, XLSX_MIME } from '../../components/download.ts';
import { useExportJob } from '../../components/ExportProgress.tsx';
import { fileToBase64 } from '../../components/fileBase64.ts';

const STATUS_TYPE: Record<VerifyReport['status'], 'success' | 'warning' | 'error' | 'info'> = {
  intact: 'success',
  edited: 'warning',
  'bad-signature': 'error',
  unsigned: 'info',
};

/** Excel 台账: the signed workbook for the auditor, the blank fill-in template, and checking a file. */
export function WorkbookCard() {
  const { branch } = useBranch();
  const reportError = useReportError();
  const key = useQuery('workbook.signingKey', {});
  const [fullIds, setFullIds] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);
  // The workbook is made in a worker thread: a progress dialog with 取消, then open or download.
  const exportJob = useExportJob();
  const year = new Date().getFullYear();

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

  return (
    <Card size="small" title="Excel 台账与核验">
      {exportJob.dialog}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          本台账的签名公钥指纹：<Typography.Text code>{key.data?.fingerprint ?? '…'}</Typography.Text>
          （报送 Excel 台账时请告知审核单位，用于核对文件是否被改动）
        </Typography.Text>
        <Space wrap>
          <Button
            icon={<FileExcelOutlined />}
            loading={exportJob.busy}
            onClick={() =>
              exportJob.run({
                title: `导出${year}年度 Excel 台账`,
                mime: XLSX_MIME,
                start: ({ jobId, keepFile }) =>
                  call('workbook.export', {
                    branchId: branch.id,
                    year,
                    includeFullIdNumbers: fullIds,
                    jobId,
                    keepFile,
                  }),
                describe: (file) => `已导出“${file.fileName}”（${file.sheets.length} 个工作表）`,
              })
            }
          >
            导出 {year} 年度 Excel 台账
          </Button>
          <Checkbox checked={fullIds} onChange={(e) => setFullIds(e.target.checked)}>
            包含完整公民身份号码（默认遮盖；导出会记入审计日志）
          </Checkbox>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'template'}
            onClick={() =>
              run('template', async () => {
                const file = await call('workbook.template', { branchId: branch.id });
                downloadBase64(file.fileName, file.dataBase64, XLSX_MIME);
              })
            }
          >
            下载空白填报模板
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void run('verify', async () => {
                setReport(await call('workbook.verify', { fileName: file.name, dataBase64: await fileToBase64(file) }));
              });
              return false;
            }}
          >
            <Button icon={<SafetyCertificateOutlined />} loading={busy === 'verify'}>
              核验 Excel 台账文件
            </Button>
          </Upload>
        </Space>
        {report ? (
          <Alert
            type={STATUS_TYPE[report.status]}
            showIcon
            message={`${report.file}：${report.message}`}
            description={
              report.sheets.some((s) => s.status !== 'intact')
                ? report.sheets
                    .filter((s) => s.status !== 'intact')
                    .map((s) =>
                      s.status === 'missing'
                        ? `“${s.name}”已被删除`
                        : `“${s.name}”${s.changes.map((c) => (c.change === 'deleted' ? '删除了一行' : `第 ${c.row} 行${c.change === 'added' ? '为新增' : '被改动'}`)).join('，') || '有改动'}`,
                    )
                    .join('；')
                : undefined
            }
          />
        ) : null}
      </Space>
    </Card>
  );
}
