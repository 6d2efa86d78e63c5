import { FileWordOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { useReportError } from './ApiErrorView.tsx';
import { DOCX_MIME, downloadBase64 } from './download.ts';

/** 导出年度台账: the whole branch-year as the printed ledger book (Word, GB/T 9704 layout). */
export function ExportBookButton({ branchId, year }: { branchId: number; year: number }) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await call('export.ledgerDocx', { branchId, year });
      downloadBase64(file.fileName, file.dataBase64, DOCX_MIME);
      message.success(`已导出“${file.fileName}”（${file.pages} 页）`);
      for (const warning of file.warnings) message.warning(warning);
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={`${year}年度党支部工作台账：封面、目录、使用说明和六个模块的全部记录`}>
      <Button icon={<FileWordOutlined />} loading={busy} onClick={run}>
        导出年度台账
      </Button>
    </Tooltip>
  );
}
