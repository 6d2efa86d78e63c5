import { DownOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Tooltip } from 'antd';
import { call } from '../api/client.ts';
import { DOCX_MIME } from './download.ts';
import { useExportJob } from './ExportProgress.tsx';

const ZIP_MIME = 'application/zip';

/**
 * 导出年度台账: the whole branch-year as the printed ledger book (Word, GB/T 9704 layout); from its
 * menu, the books of every 党支部 in one .zip (for the committee). The books are made in worker
 * threads; the dialog shows their progress and can cancel them.
 */
export function ExportBookButton({ branchId, year }: { branchId: number; year: number }) {
  const job = useExportJob();
  const exportBook = () =>
    job.run({
      title: `导出${year}年度工作台账（Word）`,
      mime: DOCX_MIME,
      start: ({ jobId, keepFile }) => call('export.ledgerDocx', { branchId, year, jobId, keepFile }),
      describe: (file) => `已导出“${file.fileName}”（${file.pages} 页）`,
      warnings: (file) => file.warnings,
    });
  const exportAll = () =>
    job.run({
      title: `导出全部党支部${year}年度工作台账（Word，压缩包）`,
      mime: ZIP_MIME,
      start: ({ jobId, keepFile }) => call('export.ledgerDocxAll', { year, jobId, keepFile }),
      describe: (file) => `已导出“${file.fileName}”（${file.books.length} 个党支部的台账）`,
      warnings: (file) => file.books.flatMap((b) => b.warnings.map((w) => `${b.branchName}：${w}`)),
    });
  return (
    <>
      <Space.Compact>
        <Tooltip title={`${year}年度党支部工作台账：封面、目录、使用说明和六个模块的全部记录`}>
          <Button icon={<FileWordOutlined />} loading={job.busy} onClick={exportBook}>
            导出年度台账
          </Button>
        </Tooltip>
        <Dropdown
          disabled={job.busy}
          trigger={['click']}
          menu={{
            items: [{ key: 'all', label: `导出全部党支部${year}年度台账（压缩包）` }],
            onClick: exportAll,
          }}
        >
          <Button icon={<DownOutlined />} aria-label="更多导出方式" />
        </Dropdown>
      </Space.Compact>
      {job.dialog}
    </>
  );
}
