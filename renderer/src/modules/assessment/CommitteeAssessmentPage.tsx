import { ArrowLeftOutlined, ProfileOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Layout, Skeleton, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { AssessmentResult } from '../../../../electron/api/index.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { branchesOf, preferredBranch } from '../org/orgTree.ts';
import { type ChartRow, ScoreChart } from './ScoreChart.tsx';
import { delta, pts, TierTag, tierRank } from './shared.tsx';
import './assessment.css';
import './committee.css';

interface Row {
  result: AssessmentResult;
  lastTotal: number | null;
}

const STAGE_COLORS: Record<AssessmentResult['stage'], string> = {
  自评: 'default',
  上级评审: 'processing',
  已公示: 'success',
};

/**
 * The committee's view of a year: every 党支部 of the ledger side by side — score, tier, change from
 * last year, stage and what is still to score — as a table and as a bar chart against the tier lines.
 */
export function CommitteeAssessmentPage() {
  const [year, setYear] = useYearParam();
  const { units } = useLedger();
  const current = useQuery('assessment.committee', { year });
  const previous = useQuery('assessment.committee', { year: year - 1 });
  const rubric = useQuery('assessment.rubric', {});
  const navigate = useNavigate();
  const from = useSearchParams()[0].get('from');
  const order = useMemo(() => new Map(branchesOf(units).map((b, i) => [b.id, i])), [units]);

  const rows = useMemo<Row[]>(() => {
    const data = current.data?.every((r) => r.year === year) ? current.data : undefined;
    const last = new Map((previous.data ?? []).filter((r) => r.year === year - 1).map((r) => [r.branchId, r.total]));
    return (data ?? [])
      .map((result) => ({ result, lastTotal: last.get(result.branchId) ?? null }))
      .sort((a, b) => (order.get(a.result.branchId) ?? 0) - (order.get(b.result.branchId) ?? 0));
  }, [current.data, previous.data, year, order]);

  const max = rows[0]?.result.maxTotal ?? rubric.data?.total ?? 100;
  const chartRows: ChartRow[] = rows.map(({ result, lastTotal }) => ({
    key: result.branchId,
    name: result.branchName,
    total: result.total,
    tier: result.proposedTier,
    previous: lastTotal,
  }));

  const columns: TableColumnsType<Row> = [
    {
      title: '党支部',
      key: 'branch',
      render: (_, { result }) => (
        <Link to={`/branch/${result.branchId}/assessment?year=${year}`}>{result.branchName}</Link>
      ),
    },
    {
      title: '得分',
      key: 'total',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.result.total - b.result.total,
      render: (_, { result }) => (
        <span className="as-table-score">
          <strong>{pts(result.total)}</strong>
          <span className="muted"> / {pts(result.maxTotal)}</span>
        </span>
      ),
    },
    {
      title: '等级',
      key: 'tier',
      width: 96,
      render: (_, { result }) => <TierTag tier={result.proposedTier} />,
    },
    {
      title: '较上年',
      key: 'change',
      width: 80,
      align: 'right',
      render: (_, { lastTotal, result }) => {
        const change = delta(result.total, lastTotal);
        const className = change.sign > 0 ? 'as-delta-up' : change.sign < 0 ? 'as-delta-down' : 'muted';
        return (
          <span className={className} title={lastTotal === null ? '上年无评分' : `上年 ${pts(lastTotal)} 分`}>
            {change.text}
          </span>
        );
      },
    },
    {
      title: '上年等级',
      key: 'previous',
      width: 130,
      render: (_, { result }) => {
        if (result.previousTier === null) return <span className="muted">无定级记录</span>;
        const up = tierRank(rubric.data, result.proposedTier) - tierRank(rubric.data, result.previousTier);
        return (
          <span className="as-change">
            <TierTag tier={result.previousTier} />
            {up > 0 ? <span className="as-delta-up"> 晋位</span> : null}
            {up < 0 ? <span className="as-delta-down"> 降级</span> : null}
            {up === 0 ? <span className="muted"> 持平</span> : null}
          </span>
        );
      },
    },
    {
      title: '阶段',
      key: 'stage',
      width: 96,
      render: (_, { result }) => <Tag color={STAGE_COLORS[result.stage]}>{result.stage}</Tag>,
    },
    {
      title: '待评项',
      key: 'pending',
      width: 76,
      align: 'right',
      render: (_, { result }) =>
        result.pendingItems > 0 ? <Tag color="orange">{result.pendingItems}</Tag> : <span className="muted">0</span>,
    },
    {
      title: '未能晋级的原因',
      key: 'blockers',
      render: (_, { result }) => (
        <span className="as-blocker-cell">{result.blockers.length ? result.blockers.join('；') : '—'}</span>
      ),
    },
  ];

  const loading = !current.data && current.loading;
  return (
    <div className="page as-page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {year}年度 各党支部考核情况
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <Button
            icon={<ProfileOutlined />}
            onClick={() => navigate(`/committee/rubric?year=${year}${from ? `&from=${from}` : ''}`)}
          >
            考核细则
          </Button>
        </Space>
      </div>
      <ApiErrorAlert error={current.error} onRetry={current.reload} />
      {loading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : rows.length === 0 ? (
        <Empty description="台账中还没有党支部" />
      ) : (
        <>
          <Card size="small" title="得分与等级" className="as-committee-chart">
            <ScoreChart rows={chartRows} rubric={rubric.data} max={max} />
          </Card>
          <Card size="small" title="对比表" style={{ marginTop: 16 }}>
            <div data-testid="committee-table">
              <Table<Row>
                size="small"
                rowKey={(row) => row.result.branchId}
                columns={columns}
                dataSource={rows}
                pagination={false}
              />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}

/**
 * A committee screen outside a branch: a plain header with the way back to the branch the clerk came
 * from (?from=) or the one used last, around the page.
 */
export function CommitteeShell({ children }: { children: ReactNode }) {
  const { units, info } = useLedger();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const committee = units.find((unit) => unit.kind === '党委');
  const from = Number(params.get('from'));
  const back = branchesOf(units).find((b) => b.id === from) ?? preferredBranch(units);
  const year = params.get('year');
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
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(`/branch/${back.id}/assessment${year ? `?year=${year}` : ''}`)}
          >
            返回 {back.name}
          </Button>
        ) : null}
      </Layout.Header>
      <Layout.Content className="app-content">{children}</Layout.Content>
    </Layout>
  );
}

/** Route: #/committee/assessment. */
export function CommitteeAssessmentScreen() {
  return (
    <CommitteeShell>
      <CommitteeAssessmentPage />
    </CommitteeShell>
  );
}
