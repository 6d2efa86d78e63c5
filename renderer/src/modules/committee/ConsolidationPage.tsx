import { FolderOpenOutlined, FundViewOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ImportReport, VerifyStatus } from '../../../../electron/api/index.ts';
import { call, toApiError } from '../../api/client.ts';
import { fileToBase64 } from '../../components/fileBase64.ts';
import { INTEGRITY_TAGS } from './integrity.ts';

/** Files handled at once: the core parses one while it writes another; more only queue up there. */
const PARALLEL = 2;

type FileState = 'waiting' | 'running' | 'imported' | 'unchanged' | 'refused' | 'failed';

export interface FileResult {
  key: string;
  file: File;
  state: FileState;
  branch?: string;
  kind?: ImportReport['kind'];
  integrity?: VerifyStatus;
  counts?: { added: number; updated: number; unchanged: number; refused: number };
  message?: string;
}

const STATE_TAGS: Record<FileState, { color: string; text: string }> = {
  waiting: { color: 'default', text: '等待' },
  running: { color: 'processing', text: '导入中' },
  imported: { color: 'success', text: '已导入' },
  unchanged: { color: 'default', text: '无变化' },
  refused: { color: 'error', text: '未导入' },
  failed: { color: 'error', text: '无法读取' },
};

const KIND_TEXT: Record<ImportReport['kind'], string> = {
  'ledger-workbook': 'Excel 台账',
  'fill-in-template': '填报模板',
  'ledger-package': '台账包',
};

/** Only our two formats; anything else in the folder (a Word file, a photo) is listed as skipped. */
export function isLedgerFile(name: string): boolean {
  return /\.(xlsx|zip)$/i.test(name) && !name.startsWith('~$');
}

function countsOf(report: ImportReport): FileResult['counts'] {
  const sum = (key: 'added' | 'updated' | 'unchanged' | 'refused') =>
    report.sheets.reduce((s, sheet) => s + sheet[key], 0);
  return { added: sum('added'), updated: sum('updated'), unchanged: sum('unchanged'), refused: sum('refused') };
}

async function importOne(file: File): Promise<Omit<FileResult, 'key' | 'file'>> {
  const dataBase64 = await fileToBase64(file);
  const report: ImportReport = /\.zip$/i.test(file.name)
    ? (await call('package.import', { fileName: file.name, dataBase64 })).import
    : await call('import.workbook', { fileName: file.name, dataBase64 });
  return {
    // A file that changes nothing (imported before) is not written, and is not an error either.
    state: report.committed ? 'imported' : report.refusedFile ? 'refused' : 'unchanged',
    branch: report.branch.name,
    kind: report.kind,
    integrity: report.integrity.status,
    counts: countsOf(report),
    message: report.message,
  };
}

/**
 * The auditor's consolidation: a folder of files from dozens to hundreds of branches imports file by
 * file (each all-or-nothing, a bad file never stops the others) with a progress bar and a running
 * summary; the committee overview then shows every branch side by side.
 */
export function ConsolidationPage() {
  const navigate = useNavigate();
  const [results, setResults] = useState<FileResult[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const stop = useRef(false);
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);

  const pick = (list: FileList | null) => {
    const files = [...(list ?? [])];
    const wanted = files.filter((f) => isLedgerFile(f.name));
    setSkipped(files.filter((f) => !isLedgerFile(f.name)).map((f) => f.webkitRelativePath || f.name));
    setResults(
      wanted
        .sort((a, b) => (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name, 'zh-CN'))
        .map((file, i) => ({ key: `${i}:${file.webkitRelativePath || file.name}`, file, state: 'waiting' })),
    );
  };

  const update = (key: string, patch: Partial<FileResult>) =>
    setResults((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const start = async () => {
    stop.current = false;
    setRunning(true);
    const queue = results.filter((r) => r.state === 'waiting');
    const worker = async () => {
      for (let next = queue.shift(); next && !stop.current; next = queue.shift()) {
        update(next.key, { state: 'running' });
        try {
          update(next.key, await importOne(next.file));
        } catch (caught) {
          update(next.key, { state: 'failed', message: toApiError(caught).message });
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    setRunning(false);
  };

  const summary = useMemo(() => {
    const done = results.filter((r) => r.state !== 'waiting' && r.state !== 'running');
    const integrity = (status: VerifyStatus) => results.filter((r) => r.integrity === status).length;
    const records = (key: 'added' | 'updated' | 'unchanged') =>
      results.reduce((s, r) => s + (r.state === 'imported' ? (r.counts?.[key] ?? 0) : 0), 0);
    return {
      done: done.length,
      imported: results.filter((r) => r.state === 'imported').length,
      unchangedFiles: results.filter((r) => r.state === 'unchanged').length,
      notImported: results.filter((r) => r.state === 'refused' || r.state === 'failed').length,
      edited: integrity('edited') + integrity('bad-signature'),
      unsigned: integrity('unsigned'),
      added: records('added'),
      updated: records('updated'),
      unchanged: records('unchanged'),
    };
  }, [results]);

  const columns: TableColumnsType<FileResult> = [
    {
      title: '文件',
      key: 'file',
      ellipsis: true,
      render: (_, r) => <span title={r.file.webkitRelativePath || r.file.name}>{r.file.name}</span>,
    },
    { title: '党支部', key: 'branch', width: 170, render: (_, r) => r.branch ?? '' },
    { title: '类型', key: 'kind', width: 96, render: (_, r) => (r.kind ? KIND_TEXT[r.kind] : '') },
    {
      title: '完整性',
      key: 'integrity',
      width: 120,
      render: (_, r) =>
        r.integrity ? <Tag color={INTEGRITY_TAGS[r.integrity].color}>{INTEGRITY_TAGS[r.integrity].text}</Tag> : null,
    },
    {
      title: '新增 / 更新 / 未变',
      key: 'counts',
      width: 140,
      render: (_, r) => (r.counts ? `${r.counts.added} / ${r.counts.updated} / ${r.counts.unchanged}` : ''),
    },
    {
      title: '结果',
      key: 'state',
      render: (_, r) => (
        <span>
          <Tag color={STATE_TAGS[r.state].color}>{STATE_TAGS[r.state].text}</Tag>
          {r.state === 'imported' ? null : <span className="small">{r.message}</span>}
        </span>
      ),
    },
  ];

  const total = results.length;
  const percent = total === 0 ? 0 : Math.round((summary.done / total) * 100);
  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          汇总导入各党支部台账
        </Typography.Title>
        <Space>
          <Button icon={<FundViewOutlined />} onClick={() => navigate('/committee/overview')}>
            查看汇总
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">
        选择存放各党支部报送文件的文件夹（Excel 台账 .xlsx 或台账包
        .zip）。每个文件单独导入，有错的文件不写入也不影响其他文件；同一文件再次导入不会产生重复记录。导入前台账会自动备份。
      </Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <input
            ref={folderInput}
            type="file"
            multiple
            hidden
            data-testid="pick-folder"
            // A directory picker: every file of the folder and its subfolders.
            {...{ webkitdirectory: '' }}
            onChange={(e) => pick(e.target.files)}
          />
          <input
            ref={filesInput}
            type="file"
            multiple
            hidden
            accept=".xlsx,.zip"
            data-testid="pick-files"
            onChange={(e) => pick(e.target.files)}
          />
          <Button icon={<FolderOpenOutlined />} disabled={running} onClick={() => folderInput.current?.click()}>
            选择文件夹
          </Button>
          <Button disabled={running} onClick={() => filesInput.current?.click()}>
            选择文件
          </Button>
          {running ? (
            <Button
              icon={<PauseCircleOutlined />}
              onClick={() => {
                stop.current = true;
              }}
            >
              停止（当前文件导完为止）
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              disabled={!results.some((r) => r.state === 'waiting')}
              onClick={() => void start()}
              data-testid="start-import"
            >
              开始导入{total > 0 ? `（${results.filter((r) => r.state === 'waiting').length} 个文件）` : ''}
            </Button>
          )}
        </Space>
        {skipped.length > 0 ? (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={`已跳过 ${skipped.length} 个不是台账的文件（只导入 .xlsx 和 .zip）`}
            description={skipped.slice(0, 5).join('、') + (skipped.length > 5 ? ' …' : '')}
          />
        ) : null}
        {total > 0 ? (
          <div style={{ marginTop: 16 }} data-testid="import-progress">
            <Progress percent={percent} status={running ? 'active' : undefined} />
            <Space size="large" wrap style={{ marginTop: 8 }} data-testid="import-summary">
              <Statistic title="已处理" value={summary.done} suffix={`/ ${total}`} />
              <Statistic title="已导入" value={summary.imported} />
              <Statistic title="无变化" value={summary.unchangedFiles} />
              <Statistic
                title="未导入"
                value={summary.notImported}
                valueStyle={summary.notImported > 0 ? { color: '#c8102e' } : undefined}
              />
              <Statistic
                title="导出后被修改"
                value={summary.edited}
                valueStyle={summary.edited > 0 ? { color: '#d97706' } : undefined}
              />
              <Statistic title="无签名" value={summary.unsigned} />
              <Statistic
                title="新增 / 更新 / 未变记录"
                value={`${summary.added} / ${summary.updated} / ${summary.unchanged}`}
              />
            </Space>
          </div>
        ) : null}
      </Card>
      {total > 0 ? (
        <Card size="small" title="文件" style={{ marginTop: 16 }}>
          <div data-testid="import-files">
            <Table<FileResult>
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={results}
              pagination={results.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
            />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
