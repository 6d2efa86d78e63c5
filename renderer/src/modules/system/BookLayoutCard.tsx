import { DownloadOutlined, FileTextOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Modal, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { BookLayoutInfo } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { formatDateTime } from '../../components/format.ts';

const NO_INPUT = {};

/** Saves the layout text as a .json file through the browser's (or the shell's) download. */
function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The book's parts and sections in print order, with each table's columns. */
export function BookSectionsList({ layout }: { layout: BookLayoutInfo }) {
  return (
    <ol className="book-layout-parts" style={{ listStyle: 'none', paddingLeft: 0, margin: 0 }}>
      {layout.parts.map((part) => (
        <li key={part.title} style={{ marginBottom: 8 }}>
          <Typography.Text strong>{part.title}</Typography.Text>
          <ul style={{ listStyle: 'none', paddingLeft: 24, margin: '4px 0 0' }}>
            {part.sections.map((section) => (
              <li key={section.title} data-testid="book-layout-section">
                <Space size={6} wrap>
                  <span>{section.title}</span>
                  {section.orientation === 'landscape' ? <Tag>横向页面</Tag> : null}
                  <span className="muted">
                    {section.columns.length > 0
                      ? `${section.columns.length} 列：${section.columns.join('、')}`
                      : '逐条记录，按记录表格式打印'}
                  </span>
                </Space>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/**
 * 台账版式: the layout of the year's ledger book. A committee downloads the layout in use as a
 * starting point, changes titles, order, columns or the 使用说明 in a text editor, and uploads it:
 * the file is checked and its sections shown before it is used.
 */
export function BookLayoutCard() {
  const { message } = App.useApp();
  const reportError = useReportError();
  const query = useQuery('documents.getBookLayout', NO_INPUT);
  const [current, setCurrent] = useState<BookLayoutInfo | null>(null);
  const [pending, setPending] = useState<{ fileName: string; text: string; preview: BookLayoutInfo } | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const layout = current ?? query.data ?? null;

  const check = async (file: File) => {
    setBusy(true);
    setRefusal(null);
    try {
      const text = await file.text();
      const preview = await call('documents.previewBookLayout', { fileName: file.name, text });
      setPending({ fileName: file.name, text, preview });
    } catch (caught) {
      const error = toApiError(caught);
      // A refused file is shown in the card, every problem listed, until the next upload.
      if (error.code === 'BAD_FILE' || error.code === 'VALIDATION') setRefusal(error);
      else reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const use = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const info = await call('documents.importBookLayout', { fileName: pending.fileName, text: pending.text });
      setCurrent(info);
      setPending(null);
      message.success(`已启用台账版式《${info.name}》，之后导出的年度台账按此版式排版`);
    } catch (caught) {
      const error = toApiError(caught);
      setPending(null);
      if (error.code === 'BAD_FILE' || error.code === 'VALIDATION') setRefusal(error);
      else reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    setBusy(true);
    try {
      setCurrent(await call('documents.resetBookLayout', {}));
      setRefusal(null);
      message.success('台账版式已恢复默认');
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="台账版式" data-testid="book-layout-card">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          年度台账的标题、各部分的顺序、表格的列和“使用说明”都由版式文件决定。先“下载当前版式”作为底稿，用记事本等文本编辑器修改后上传；
          上传时会逐项检查（各列宽度之和须等于版心宽度，占位符须是程序认识的），检查通过并确认后才会启用。
        </Typography.Text>
        <ApiErrorAlert error={query.error} onRetry={query.reload} />
        {refusal ? (
          <div data-testid="book-layout-refusal">
            <ApiErrorAlert error={refusal} />
          </div>
        ) : null}
        {layout?.problem ? (
          <Alert
            type="warning"
            showIcon
            title="本台账导入的版式已不能使用，导出年度台账前请重新导入改正后的文件，或恢复默认。"
            description={layout.problem}
          />
        ) : null}
        {layout ? (
          <Space size={8} wrap>
            {layout.origin === 'imported' ? <Tag color="blue">本单位版式</Tag> : <Tag>内置版式</Tag>}
            <Typography.Text strong>{layout.name}</Typography.Text>
            <span className="muted">版本 {layout.version}</span>
            {layout.fileName ? (
              <span className="muted">
                <FileTextOutlined /> {layout.fileName}
                {layout.importedAt ? ` · ${formatDateTime(layout.importedAt)} 导入` : ''}
              </span>
            ) : null}
          </Space>
        ) : null}
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            disabled={!layout}
            onClick={() => layout && downloadText(`台账版式-${layout.name}-${layout.version}.json`, layout.json)}
          >
            下载当前版式
          </Button>
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={busy && !pending}>
              上传版式文件
            </Button>
          </Upload>
          {layout?.origin === 'imported' ? (
            <Popconfirm
              title="恢复默认的台账版式？"
              description="本单位导入的版式将不再使用；之后导出的年度台账使用程序内置的版式。"
              okText="恢复默认"
              cancelText="取消"
              onConfirm={() => void reset()}
            >
              <Button icon={<UndoOutlined />} disabled={busy}>
                恢复默认
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
        {layout ? (
          <div>
            <Typography.Text type="secondary">年度台账的组成（封面、目录、使用说明之后）：</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <BookSectionsList layout={layout} />
            </div>
          </div>
        ) : null}
      </Space>
      <Modal
        open={pending !== null}
        title={`启用台账版式《${pending?.preview.name ?? ''}》？`}
        okText="启用此版式"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void use()}
        onCancel={() => setPending(null)}
        width={720}
      >
        {pending ? (
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              文件“{pending.fileName}”检查通过（版本 {pending.preview.version}）。启用后，年度台账按下列顺序排版：
            </Typography.Text>
            <BookSectionsList layout={pending.preview} />
          </Space>
        ) : null}
      </Modal>
    </Card>
  );
}
