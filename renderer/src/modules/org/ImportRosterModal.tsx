import { InboxOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Col,
  Modal,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import type { OrgUnit, RosterImportReport } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { MEMBER_FIELD_LABELS } from '../../api/constants.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { fileToBase64 } from '../../components/fileBase64.ts';

const fieldLabel = (field: string | undefined) =>
  field ? (MEMBER_FIELD_LABELS[field as keyof typeof MEMBER_FIELD_LABELS] ?? field) : '';

interface Picked {
  fileName: string;
  dataBase64: string;
}

export function ImportRosterModal({
  open,
  branch,
  onClose,
  onImported,
}: {
  open: boolean;
  branch: OrgUnit;
  onClose: () => void;
  onImported: (count: number) => void;
}) {
  const { message } = App.useApp();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [report, setReport] = useState<RosterImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [onlyValid, setOnlyValid] = useState(false);

  const reset = () => {
    setPicked(null);
    setReport(null);
    setError(null);
    setOnlyValid(false);
  };

  const preview = async (file: File) => {
    reset();
    setBusy('preview');
    try {
      const next = { fileName: file.name, dataBase64: await fileToBase64(file) };
      setPicked(next);
      setReport(await call('member.importPreview', { branchId: branch.id, ...next }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!picked) return;
    setBusy('commit');
    setError(null);
    try {
      const result = await call('member.importCommit', { branchId: branch.id, ...picked, skipInvalid: onlyValid });
      const count = result.imported ?? 0;
      message.success(`已导入 ${count} 名党员到${branch.name}`);
      reset();
      onImported(count);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const problems = report ? report.invalidRows + report.duplicates.length : 0;
  const canCommit = !!report && (problems === 0 || (onlyValid && report.validRows > 0));

  return (
    <Modal
      open={open}
      title={`导入花名册到「${branch.name}」`}
      width={960}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
      footer={
        <Space>
          {report && problems > 0 ? (
            <Checkbox checked={onlyValid} onChange={(event) => setOnlyValid(event.target.checked)}>
              仅导入有效行（{report.validRows} 行），跳过有问题的行
            </Checkbox>
          ) : null}
          <Button
            onClick={() => {
              reset();
              onClose();
            }}
          >
            取消
          </Button>
          <Button type="primary" disabled={!canCommit} loading={busy === 'commit'} onClick={() => void commit()}>
            {onlyValid && problems > 0 ? `导入有效的 ${report?.validRows ?? 0} 行` : '全部导入'}
          </Button>
        </Space>
      }
    >
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={busy !== null}
        beforeUpload={(file) => {
          void preview(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击选择或把 Excel 花名册（.xlsx）拖到这里</p>
        <p className="ant-upload-hint">先检查、后导入：选择文件后会列出识别到的列和每一行的问题，确认无误再导入。</p>
      </Upload.Dragger>
      {picked ? (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          文件：<strong>{picked.fileName}</strong>
        </Typography.Paragraph>
      ) : null}
      <div style={{ marginTop: 16 }}>
        <ApiErrorAlert error={error} />
        {busy === 'preview' ? (
          <div className="center-block">
            <Spin description="正在检查文件…" />
          </div>
        ) : null}
        {report ? <ImportReportView report={report} /> : null}
      </div>
    </Modal>
  );
}

function ImportReportView({ report }: { report: RosterImportReport }) {
  const issueRows = [
    ...report.issues.map((issue, index) => ({ key: `i${index}`, ...issue, field: fieldLabel(issue.field) })),
    ...report.duplicates.map((dup, index) => ({
      key: `d${index}`,
      row: dup.row,
      column: '',
      field: '',
      message: dup.message,
    })),
  ].sort((a, b) => a.row - b.row);
  return (
    <>
      <Typography.Text type="secondary">
        工作表「{report.sheet}」，表头在第 {report.headerRow} 行
      </Typography.Text>
      <Row gutter={16} style={{ margin: '12px 0' }} className="import-stats">
        <Col span={6}>
          <Statistic title="共" value={report.totalRows} suffix="行" />
        </Col>
        <Col span={6}>
          <Statistic title="有效" value={report.validRows} suffix="行" styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col span={6}>
          <Statistic
            title="有问题"
            value={report.invalidRows}
            suffix="行"
            styles={{ content: { color: report.invalidRows ? '#C8161D' : undefined } }}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title="重复"
            value={report.duplicates.length}
            suffix="行"
            styles={{ content: { color: report.duplicates.length ? '#d46b08' : undefined } }}
          />
        </Col>
      </Row>
      <Tabs
        defaultActiveKey={issueRows.length > 0 ? 'issues' : 'preview'}
        items={[
          {
            key: 'issues',
            label: `问题（${issueRows.length}）`,
            children: (
              <Table
                size="small"
                rowKey="key"
                dataSource={issueRows}
                pagination={issueRows.length > 10 ? { pageSize: 10 } : false}
                locale={{ emptyText: '没有发现问题' }}
                columns={[
                  { title: '行', dataIndex: 'row', width: 64 },
                  { title: '列', dataIndex: 'column', width: 64 },
                  { title: '字段', dataIndex: 'field', width: 120 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            ),
          },
          {
            key: 'columns',
            label: `识别的列（${report.mappedColumns.length}）`,
            children: (
              <>
                <Table
                  size="small"
                  rowKey="column"
                  dataSource={report.mappedColumns}
                  pagination={false}
                  columns={[
                    { title: '列', dataIndex: 'column', width: 64 },
                    { title: '文件中的表头', dataIndex: 'header' },
                    { title: '对应字段', dataIndex: 'field', render: (field: string) => fieldLabel(field) },
                  ]}
                />
                {report.unmappedHeaders.length > 0 ? (
                  <div style={{ marginTop: 12 }}>
                    <Typography.Text type="secondary">未识别、不会导入的列：</Typography.Text>
                    {report.unmappedHeaders.map((header) => (
                      <Tag key={header}>{header}</Tag>
                    ))}
                  </div>
                ) : null}
              </>
            ),
          },
          {
            key: 'preview',
            label: `预览（${report.preview.length}）`,
            children: (
              <Table
                size="small"
                rowKey="row"
                dataSource={report.preview}
                pagination={report.preview.length > 10 ? { pageSize: 10 } : false}
                columns={[
                  { title: '行', dataIndex: 'row', width: 64 },
                  { title: '姓名', dataIndex: 'name' },
                  { title: '性别', dataIndex: 'gender', width: 64 },
                  { title: '出生日期', dataIndex: 'birthDate' },
                  { title: '入党时间', dataIndex: 'joinDate' },
                  {
                    title: '检查结果',
                    dataIndex: 'valid',
                    width: 100,
                    render: (valid: boolean) =>
                      valid ? <Tag color="success">有效</Tag> : <Tag color="error">有问题</Tag>,
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
