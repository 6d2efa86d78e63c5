import { CheckOutlined, DeleteOutlined, ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportReport } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { useReportError } from '../../components/ApiErrorView.tsx';
import { fileToBase64 } from '../../components/fileBase64.ts';

interface PickedFile {
  key: string;
  fileName: string;
  dataBase64: string;
  /** The branch the dry run was asked for: the import must ask for the same. */
  branchId: number | undefined;
  report: ImportReport;
}

/** The file's integrity as a tag: information for the person, never a refusal. */
function IntegrityTag({ report }: { report: ImportReport }) {
  const { status, editedSheets } = report.integrity;
  if (status === 'intact') return <Tag color="success">未改动</Tag>;
  if (status === 'edited') return <Tag color="warning">导出后被修改（{editedSheets.join('、') || '行顺序'}）</Tag>;
  if (status === 'bad-signature') return <Tag color="error">签名无效</Tag>;
  return <Tag>无签名（{report.kind === 'fill-in-template' ? '填报模板' : '无法核验'}）</Tag>;
}

function FileReport({
  file,
  busy,
  onConfirm,
  onRemove,
}: {
  file: PickedFile;
  busy: boolean;
  onConfirm: (skipInvalid: boolean) => void;
  onRemove: () => void;
}) {
  const { report } = file;
  const changes = report.sheets.reduce((s, c) => s + c.added + c.updated, 0);
  const done = report.committed;
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space wrap>
          <span>{report.file}</span>
          <IntegrityTag report={report} />
          {done ? <Tag color="blue">已导入</Tag> : null}
        </Space>
      }
      extra={<Button size="small" type="text" icon={<DeleteOutlined />} onClick={onRemove} aria-label="移除" />}
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Alert
          type={report.refusedFile ? 'error' : done ? 'success' : changes === 0 ? 'info' : 'warning'}
          showIcon
          title={report.message}
          description={
            <Space orientation="vertical" size={2}>
              <span>导入到：{report.branch.name || '（未定）'}</span>
              {report.integrity.message ? <span>{report.integrity.message}</span> : null}
            </Space>
          }
        />
        <Table
          size="small"
          pagination={false}
          rowKey="sheet"
          dataSource={report.sheets}
          locale={{ emptyText: '文件中没有可导入的记录' }}
          columns={[
            { title: '工作表', dataIndex: 'sheet' },
            { title: '新增', dataIndex: 'added', align: 'right' },
            { title: '更新', dataIndex: 'updated', align: 'right' },
            { title: '未变', dataIndex: 'unchanged', align: 'right' },
            { title: '跳过', dataIndex: 'skipped', align: 'right' },
            { title: '拒绝', dataIndex: 'refused', align: 'right' },
          ]}
        />
        {report.refusals.length > 0 ? (
          <Table
            size="small"
            title={() => <Typography.Text type="danger">有问题的行（请在 Excel 中更正后重新选择文件）</Typography.Text>}
            pagination={report.refusals.length > 10 ? { pageSize: 10, size: 'small' } : false}
            rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.message}`}
            dataSource={report.refusals}
            columns={[
              { title: '工作表', dataIndex: 'sheet', width: 110 },
              { title: '行', dataIndex: 'row', width: 60, render: (row: number | null) => row ?? '—' },
              {
                title: '列',
                dataIndex: 'column',
                width: 140,
                render: (column: string | null, r) =>
                  column ? `${column}${r.field ? `（${r.field}）` : ''}` : (r.field ?? '—'),
              },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
        ) : null}
        {report.notices.length > 0 ? (
          <Alert
            type="info"
            title={`${report.notices.length} 条提示`}
            description={report.notices.slice(0, 8).map((n) => (
              <div key={`${n.sheet}-${n.row}-${n.message}`}>
                {n.sheet}
                {n.row ? ` 第 ${n.row} 行` : ''}：{n.message}
              </div>
            ))}
          />
        ) : null}
        {report.notImported.length > 0 ? (
          <Typography.Text type="secondary">本版本暂不导入：{report.notImported.join('、')}</Typography.Text>
        ) : null}
        {done ? null : (
          <Space wrap>
            <Popconfirm
              title="确认导入"
              description={`将按上表写入台账（导入前自动备份）。`}
              okText="导入"
              cancelText="取消"
              onConfirm={() => onConfirm(false)}
              disabled={report.refusedFile || changes === 0}
            >
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={busy}
                disabled={report.refusedFile || changes === 0}
              >
                确认导入
              </Button>
            </Popconfirm>
            {report.refusedFile ? (
              <Popconfirm
                title="仅导入有效行"
                description={`有问题的 ${report.refusals.length} 行不导入，其余写入台账。`}
                okText="导入"
                cancelText="取消"
                onConfirm={() => onConfirm(true)}
              >
                <Button loading={busy}>仅导入有效行</Button>
              </Popconfirm>
            ) : null}
          </Space>
        )}
      </Space>
    </Card>
  );
}

/**
 * 导入 Excel 台账: our exported workbooks and filled-in templates. Each file is first checked (a
 * dry run: the report of exactly what would happen), then imported when the person confirms.
 */
export function ImportCard({ onImported }: { onImported?: () => void } = {}) {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const reportError = useReportError();
  const units = useQuery('org.list', {});
  const branches = (units.data ?? []).filter((u) => u.kind === '党支部');
  // 0: the branch the file names (an export); a template without one goes to the chosen branch.
  const [target, setTarget] = useState<number>(0);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const branchId = target === 0 ? undefined : target;

  const check = async (file: File) => {
    setBusy('check');
    try {
      const dataBase64 = await fileToBase64(file);
      const input = { fileName: file.name, dataBase64, dryRun: true, ...(branchId ? { branchId } : {}) };
      let report: ImportReport;
      let asked = branchId;
      try {
        report = await call('import.workbook', input);
      } catch (caught) {
        // A template that names no branch: import it into the branch on screen.
        if (branchId !== undefined) throw caught;
        asked = branch.id;
        report = await call('import.workbook', { ...input, branchId: asked });
      }
      const picked = { key: `${file.name}-${Date.now()}`, fileName: file.name, dataBase64, branchId: asked, report };
      setFiles((list) => [...list.filter((f) => f.fileName !== file.name), picked]);
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(null);
    }
  };

  const confirm = async (picked: PickedFile, skipInvalid: boolean) => {
    setBusy(picked.key);
    try {
      const report = await call('import.workbook', {
        fileName: picked.fileName,
        dataBase64: picked.dataBase64,
        skipInvalid,
        ...(picked.branchId !== undefined ? { branchId: picked.branchId } : {}),
      });
      setFiles((list) => list.map((f) => (f.key === picked.key ? { ...f, report } : f)));
      if (report.committed) {
        message.success(`已导入“${picked.fileName}”`);
        onImported?.();
      }
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title="导入 Excel 台账">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          可导入本程序导出的 Excel
          台账和填好的填报模板。选择文件后先显示检查结果，确认后才写入台账；同一文件重复导入不会产生重复记录。
        </Typography.Text>
        <Space wrap>
          <span>导入到：</span>
          <Select
            style={{ minWidth: 220 }}
            value={target}
            onChange={setTarget}
            options={[
              { value: 0, label: '文件中注明的党支部' },
              ...branches.map((b) => ({ value: b.id, label: b.name })),
            ]}
            aria-label="导入到"
          />
          <Upload
            accept=".xlsx"
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <Button icon={<ImportOutlined />} loading={busy === 'check'}>
              选择 Excel 文件…
            </Button>
          </Upload>
        </Space>
        {files.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description="尚未选择文件。点击“选择 Excel 文件…”，可一次选择多个 .xlsx 文件。"
          />
        ) : (
          files.map((file) => (
            <FileReport
              key={file.key}
              file={file}
              busy={busy === file.key}
              onConfirm={(skipInvalid) => void confirm(file, skipInvalid)}
              onRemove={() => setFiles((list) => list.filter((f) => f.key !== file.key))}
            />
          ))
        )}
      </Space>
    </Card>
  );
}
