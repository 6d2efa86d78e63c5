import { CopyOutlined, DeleteOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { MeetingKind, RecordKindTemplates } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { fileToBase64 } from '../../components/fileBase64.ts';
import { formatDateTime } from '../../components/format.ts';

const NO_INPUT = {};

/** The placeholders of one kind, each with a copy button, in a dialog. */
function PlaceholderDialog({ kind, onClose }: { kind: MeetingKind | null; onClose: () => void }) {
  const list = useQuery('documents.placeholders', kind ? { kind } : null);
  const { message } = App.useApp();
  const copy = (text: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => message.success(`已复制 ${text}`),
      () => message.warning('无法访问剪贴板，请手动选中复制'),
    );
  };
  return (
    <Modal
      open={kind !== null}
      title={`${kind ?? ''}记录可用的占位符`}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          关闭
        </Button>
      }
      width={720}
    >
      <Typography.Paragraph type="secondary">
        在 Word 或 WPS
        中把占位符（连同两侧的半角花括号）写在要填入内容的位置，导出记录时会替换成实际内容，并保留占位符所在位置的字体和格式。
      </Typography.Paragraph>
      <ApiErrorAlert error={list.error} onRetry={list.reload} />
      <Table
        size="small"
        rowKey="key"
        loading={list.loading}
        pagination={false}
        dataSource={list.data ?? []}
        scroll={{ y: 420 }}
        columns={[
          {
            title: '占位符',
            dataIndex: 'key',
            width: 220,
            render: (key: string) => (
              <Space size={4}>
                <Typography.Text code>{`{{${key}}}`}</Typography.Text>
                <Button
                  size="small"
                  type="text"
                  icon={<CopyOutlined />}
                  aria-label={`复制 {{${key}}}`}
                  onClick={() => copy(`{{${key}}}`)}
                />
              </Space>
            ),
          },
          { title: '填入的内容', dataIndex: 'description' },
          {
            title: '来源',
            dataIndex: 'scope',
            width: 90,
            render: (scope: string) => (scope === 'kind' ? <Tag color="blue">本类字段</Tag> : <Tag>通用</Tag>),
          },
        ]}
      />
    </Modal>
  );
}

/** 记录模板: per record kind, the committee's own .docx or the built-in layout. */
export function RecordTemplatesCard() {
  const { message } = App.useApp();
  const reportError = useReportError();
  const query = useQuery('documents.listTemplates', NO_INPUT);
  const [rows, setRows] = useState<RecordKindTemplates[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [catalogKind, setCatalogKind] = useState<MeetingKind | null>(null);
  const data = rows ?? query.data ?? [];

  const upload = async (kind: MeetingKind, file: File) => {
    setBusy(kind);
    setRefusal(null);
    try {
      const info = await call('documents.importTemplate', {
        kind,
        fileName: file.name,
        dataBase64: await fileToBase64(file),
      });
      setRows(await call('documents.listTemplates', {}));
      message.success(`已导入${kind}记录模板《${info.fileName}》（${info.placeholders.length} 个占位符）`);
    } catch (caught) {
      const error = toApiError(caught);
      // A refused template is shown in the card, next to the list, until the next upload.
      if (error.code === 'BAD_FILE' || error.code === 'VALIDATION') setRefusal(error);
      else reportError(error);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (id: number, kind: MeetingKind, fileName: string) => {
    setBusy(kind);
    try {
      setRows(await call('documents.deleteTemplate', { id }));
      message.success(`已删除《${fileName}》，${kind}记录恢复使用内置版式`);
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title="记录模板">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          上级党组织有统一的会议记录格式时，可以在 Word 或 WPS 中做好模板，在要填内容的位置写上占位符（如
          <Typography.Text code>{'{{会议时间}}'}</Typography.Text>），另存为 .docx 后上传。上传时会逐个检查占位符；
          之后该类记录“导出Word”时按这个模板填写。没有上传模板的记录使用内置版式。
        </Typography.Text>
        <ApiErrorAlert error={refusal} />
        <ApiErrorAlert error={query.error} onRetry={query.reload} />
        <Table<RecordKindTemplates>
          size="middle"
          rowKey="kind"
          loading={query.loading && !rows}
          pagination={false}
          dataSource={data}
          columns={[
            {
              title: '记录种类',
              dataIndex: 'name',
              render: (name: string, row) => (
                <Space orientation="vertical" size={0}>
                  <span>{row.kind}</span>
                  <span className="muted">{name}</span>
                </Space>
              ),
            },
            {
              title: '使用的版式',
              key: 'template',
              render: (_, row) =>
                row.template ? (
                  <Space orientation="vertical" size={0}>
                    <span>
                      <FileWordOutlined style={{ color: '#2b579a' }} /> {row.template.fileName}
                    </span>
                    <span className="muted">
                      {formatDateTime(row.template.importedAt)} 导入 · {row.template.placeholders.length} 个占位符
                    </span>
                  </Space>
                ) : (
                  <Tag>内置版式</Tag>
                ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 360,
              render: (_, row) => (
                <Space wrap>
                  <Upload
                    accept=".docx"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void upload(row.kind, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={busy === row.kind}>
                      {row.template ? '更换模板' : '上传模板'}
                    </Button>
                  </Upload>
                  <Button size="small" onClick={() => setCatalogKind(row.kind)}>
                    查看占位符
                  </Button>
                  {row.template ? (
                    <Popconfirm
                      title={`删除模板《${row.template.fileName}》？`}
                      description={`删除后${row.kind}记录恢复使用内置版式。`}
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => {
                        const t = row.template;
                        if (t) void remove(t.id, row.kind, t.fileName);
                      }}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />}>
                        删除
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <PlaceholderDialog kind={catalogKind} onClose={() => setCatalogKind(null)} />
    </Card>
  );
}
