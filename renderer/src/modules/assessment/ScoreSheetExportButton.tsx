import { FileWordOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { type ReactNode, useState } from 'react';
import type { ExportedDocument } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useReportError } from '../../components/ApiErrorView.tsx';
import { DOCX_MIME, downloadBase64 } from '../../components/download.ts';

/**
 * 导出Word for a single document, the way the meeting record page does it: the core composes the
 * .docx, the browser saves it, the clerk is told the file name and page count and any font warning.
 */
export function ExportWordButton({
  run,
  label = '导出Word',
  tooltip,
  disabled,
  size,
  iconOnly,
}: {
  run: () => Promise<ExportedDocument>;
  label?: string;
  tooltip?: ReactNode;
  disabled?: boolean;
  size?: 'small' | 'middle';
  /** In a table row: only the icon, the label goes to aria-label and the tooltip. */
  iconOnly?: boolean;
}) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const [exporting, setExporting] = useState(false);
  const exportWord = async () => {
    setExporting(true);
    try {
      const file = await run();
      downloadBase64(file.fileName, file.dataBase64, DOCX_MIME);
      message.success(`已导出“${file.fileName}”（${file.pages} 页）`);
      for (const warning of file.warnings) message.warning(warning);
    } catch (caught) {
      reportError(caught);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Tooltip title={tooltip ?? (iconOnly ? label : undefined)}>
      <Button
        type={iconOnly ? 'text' : 'default'}
        size={size}
        icon={<FileWordOutlined />}
        aria-label={label}
        disabled={disabled}
        loading={exporting}
        onClick={() => void exportWord()}
      >
        {iconOnly ? null : label}
      </Button>
    </Tooltip>
  );
}

/** 考核评分表 of the branch-year as a Word document, with the records behind each score. */
export function ScoreSheetExportButton({ branchId, year }: { branchId: number; year: number }) {
  return (
    <ExportWordButton
      tooltip="按公文格式导出本年度考核评分表（含评分依据、总分、拟定等次和签字栏）"
      run={() => call('export.scoreSheetDocx', { branchId, year })}
    />
  );
}
