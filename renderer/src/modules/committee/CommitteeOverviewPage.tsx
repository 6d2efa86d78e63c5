import {
  ArrowLeftOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  ImportOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Layout,
  Skeleton,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { type CommitteeBranchRow, FINDING_GROUPS } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { DOCX_MIME, downloadBase64, XLSX_MIME } from '../../components/download.ts';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { pts, TierTag } from '../assessment/shared.tsx';
import { branchesOf, preferredBranch } from '../org/orgTree.ts';
import { FindingsChart, GROUP_COLORS } from './FindingsChart.tsx';
import { INTEGRITY_TAGS } from './integrity.ts';
import './committee-overview.css';

const TERM_TAGS: Record<CommitteeBranchRow['term']['state'], { color: string; text: string }> = {
  ok: { color: 'green', text: '任期内' },
  warning: { color: 'orange', text: '即将到期' },
  expired: { color: 'red', text: '已到期' },
  unknown: { color: 'default', text: '未登记任期' },
};

/** Anything an auditor has to follow up: a finding, an expired term or an overdue 发展党员 step. */
function needsAttention(row: CommitteeBranchRow): boolean {
  return row.findings.total > 0 || row.term.state === 'expired' || row.development.overdue > 0;
}

function ExportButtons({ year }: { year: number }) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState<'xlsx' | 'docx' | null>(null);
  const run = async (kind: 'xlsx' | 'docx') => {
    setBusy(kind);
    try {
      const file =
        kind === 'xlsx'
          ? await call('committee.summaryWorkbook', { year })
          : await call('committee.reportDocx', { year });
      downloadBase64(file.fileName, file.dataBase64, kind === 'xlsx' ? XLSX_MIME : DOCX_MIME);
      message.success(`已导出“${file.fileName}”`);
      for (const warning of file.warnings) message.warning(warning);
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void run('xlsx')}>
        导出汇总表
      </Button>
      <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => void run('docx')}>
        导出检查报告
      </Button>
    </>
  );
}

/**
 * The committee's (auditor's) overview of a year: every 党支部 of the ledger side by side — gaps in
 * organisational life, 发展党员 overdue, terms, dues arrears, score and tier — each figure a link to
 * the branch's page that holds the records behind it.
 */
export function CommitteeOverviewPage() {
  const [year, setYear] = useYearParam();
  const navigate = useNavigate();
  const { units } = useLedger();
  const overview = useQuery('committee.overview', { year });
  const [onlyProblems, setOnlyProblems] = useState(false);
  const order = useMemo(() => new Map(branchesOf(units).map((b, i) => [b.id, i])), [units]);
  const data = overview.data?.year === year ? overview.data : undefined;
  const rows = useMemo(
    () =>
      (data?.branches ?? [])
        .filter((r) => !onlyProblems || needsAttention(r))
        .sort((a, b) => (order.get(a.branchId) ?? 0) - (order.get(b.branchId) ?? 0)),
    [data, onlyProblems, order],
  );
  const to = (row: CommitteeBranchRow, page: string) => `/branch/${row.branchId}/${page}?year=${year}`;

  const columns: TableColumnsType<CommitteeBranchRow> = [
    {
      title: '党支部',
      key: 'branch',
      fixed: 'left',
      width: 190,
      sorter: (a, b) => a.branchName.localeCompare(b.branchName, 'zh-CN'),
      render: (_, row) => (
        <div>
          <Link to={to(row, 'compliance')}>{row.branchName}</Link>
          {row.parentName ? <div className="muted small">{row.parentName}</div> : null}
        </div>
      ),
    },
    { title: '党员', dataIndex: 'members', width: 64, align: 'right', sorter: (a, b) => a.members - b.members },
    {
      title: '组织生活',
      key: 'life',
      width: 120,
      sorter: (a, b) => a.periodsMissed - b.periodsMissed,
      render: (_, row) =>
        row.periodsMissed > 0 ? (
          <Link to={to(row, 'compliance')}>
            <Tag color="red">缺 {row.periodsMissed} 期</Tag>
          </Link>
        ) : (
          <span className="muted">{row.periodsDue > 0 ? `${row.periodsDue} 期均按期` : '—'}</span>
        ),
    },
    {
      title: '问题',
      key: 'findings',
      width: 200,
      defaultSortOrder: undefined,
      sorter: (a, b) => a.findings.total - b.findings.total,
      render: (_, row) =>
        row.findings.total === 0 ? (
          <span className="muted">无</span>
        ) : (
          <Link to={to(row, 'compliance')} data-testid={`findings-${row.branchId}`}>
            <strong>{row.findings.total}</strong>{' '}
            {FINDING_GROUPS.filter((g) => row.findings.byGroup[g] > 0).map((g) => (
              <Tag key={g} color={GROUP_COLORS[g]} style={{ marginInlineEnd: 4 }}>
                {g} {row.findings.byGroup[g]}
              </Tag>
            ))}
          </Link>
        ),
    },
    {
      title: '发展党员',
      key: 'development',
      width: 120,
      sorter: (a, b) => a.development.overdue - b.development.overdue,
      render: (_, row) => (
        <Link to={to(row, 'development')}>
          {row.development.overdue > 0 ? <Tag color="red">逾期 {row.development.overdue} 人</Tag> : null}
          <span className="muted">培养中 {row.development.inProgress}</span>
        </Link>
      ),
    },
    {
      title: '换届',
      key: 'term',
      width: 130,
      render: (_, row) => (
        <Link to={to(row, 'elections')} title={row.term.message}>
          <Tag color={TERM_TAGS[row.term.state].color}>{TERM_TAGS[row.term.state].text}</Tag>
          {row.term.endDate && row.term.state !== 'ok' ? <span className="small">{row.term.endDate}</span> : null}
        </Link>
      ),
    },
    {
      title: '党费欠缴',
      key: 'dues',
      width: 96,
      align: 'right',
      sorter: (a, b) => a.duesArrears - b.duesArrears,
      render: (_, row) =>
        row.duesArrears > 0 ? (
          <Link to={to(row, 'dues')}>
            <Tag color="red">{row.duesArrears} 人</Tag>
          </Link>
        ) : (
          <span className="muted">0</span>
        ),
    },
    {
      title: '考核',
      key: 'score',
      width: 150,
      sorter: (a, b) => a.assessment.total - b.assessment.total,
      render: (_, row) => (
        <Link to={to(row, 'assessment')}>
          <strong>{pts(row.assessment.total)}</strong> <TierTag tier={row.assessment.proposedTier} />
        </Link>
      ),
    },
    { title: '阶段', key: 'stage', width: 90, render: (_, row) => row.assessment.stage },
    {
      title: '报送文件',
      key: 'source',
      width: 130,
      render: (_, row) =>
        row.source ? (
          <Tooltip title={`${row.source.fileName}，导入于 ${row.source.importedAt.slice(0, 16).replace('T', ' ')}`}>
            <Tag color={INTEGRITY_TAGS[row.source.integrity].color} data-testid={`integrity-${row.branchId}`}>
              {INTEGRITY_TAGS[row.source.integrity].text}
            </Tag>
          </Tooltip>
        ) : (
          <span className="muted small">本台账录入</span>
        ),
    },
  ];

  const t = data?.totals;
  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {year}年度 各党支部台账汇总
        </Typography.Title>
        <div className="co-actions">
          <YearSelect value={year} onChange={setYear} />
          <ExportButtons year={year} />
          <Button icon={<TrophyOutlined />} onClick={() => navigate(`/committee/assessment?year=${year}`)}>
            考核对比
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => navigate('/committee/import')}>
            汇总导入
          </Button>
        </div>
      </div>
      <ApiErrorAlert error={overview.error} onRetry={overview.reload} />
      {!data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : data.branches.length === 0 ? (
        <Empty description="台账中还没有党支部。请先在“组织设置”中建立党支部，或导入各党支部报送的台账文件。" />
      ) : (
        <>
          {t ? (
            <div className="co-figures" data-testid="committee-figures">
              <Card size="small">
                <Statistic title="党支部" value={t.branches} suffix="个" />
              </Card>
              <Card size="small">
                <Statistic title="党员" value={t.members} suffix="名" />
              </Card>
              <Card size="small">
                <Statistic
                  title="有问题的党支部"
                  value={t.branchesWithFindings}
                  suffix={`个 · ${t.findings} 条`}
                  valueStyle={t.findings > 0 ? { color: '#c8102e' } : undefined}
                />
              </Card>
              <Card size="small">
                <Statistic title="换届已到期" value={t.termsExpired} suffix="个" />
              </Card>
              {t.filesNotIntact > 0 ? (
                <Card size="small">
                  <Statistic
                    title="报送文件被改动"
                    value={t.filesNotIntact}
                    suffix="个"
                    valueStyle={{ color: '#d97706' }}
                  />
                </Card>
              ) : null}
              <Card size="small">
                <Statistic title="发展党员逾期" value={t.devOverdue} suffix="人" />
              </Card>
              <Card size="small">
                <Statistic title="连续欠缴党费" value={t.duesArrears} suffix="人" />
              </Card>
              <Card size="small">
                <div className="muted small">拟定等次</div>
                <div style={{ marginTop: 6 }}>
                  {(['红旗型', '示范型', '标准型', '未达标'] as const).map((tier) => (
                    <span key={tier} style={{ marginRight: 8, whiteSpace: 'nowrap' }}>
                      <TierTag tier={tier} /> {t.tiers[tier]}
                    </span>
                  ))}
                </div>
              </Card>
            </div>
          ) : null}
          <Card size="small" title="问题分布">
            <FindingsChart rows={data.branches} />
          </Card>
          <Card
            size="small"
            title="各党支部对比"
            style={{ marginTop: 16 }}
            extra={
              <span>
                <Switch size="small" checked={onlyProblems} onChange={setOnlyProblems} /> 只看需要跟进的
              </span>
            }
          >
            <div data-testid="committee-overview-table">
              <Table<CommitteeBranchRow>
                size="small"
                rowKey="branchId"
                columns={columns}
                dataSource={rows}
                pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ x: 1290 }}
              />
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              数据截至 {data.asOf}；规则集 {data.ruleSet.id} {data.ruleSet.version}
              。“发展党员”“换届”为当前情况。点击数字查看该党支部的记录。
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </div>
  );
}

/**
 * The committee's screens sit outside any branch: a plain header with the way back to the branch the
 * clerk came from (?from=) or the one used last. Routes: #/committee/overview, #/committee/import.
 */
export function CommitteeScreen({ children }: { children: ReactNode }) {
  const { units, info } = useLedger();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const committee = units.find((unit) => unit.kind === '党委');
  const back = branchesOf(units).find((b) => b.id === Number(params.get('from'))) ?? preferredBranch(units);
  if (info?.needsSetup) return <Navigate to="/setup" replace />;
  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <div className="app-title">
          <span className="app-emblem" aria-hidden="true" />
          <span>党支部工作台账</span>
          {committee ? <span className="as-committee-name">{committee.name}</span> : null}
        </div>
        {back ? (
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/branch/${back.id}`)}>
            返回 {back.name}
          </Button>
        ) : null}
      </Layout.Header>
      <Layout.Content className="app-content">{children}</Layout.Content>
    </Layout>
  );
}
