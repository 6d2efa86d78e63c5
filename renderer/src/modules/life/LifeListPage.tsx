import { CopyOutlined, DownOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Dropdown, Empty, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { MeetingSummary } from '../../../../electron/api/index.ts';
import { MEETING_KINDS, type MeetingKind } from '../../api/lifeConstants.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { ExportBookButton } from '../../components/ExportBookButton.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { AlsoCountsTags, KindTag } from './KindTag.tsx';

const dash = <span className="muted">—</span>;

function columns(): ColumnsType<MeetingSummary> {
  return [
    {
      title: '日期',
      dataIndex: 'heldOn',
      key: 'heldOn',
      width: 130,
      render: (heldOn: string, row) => (
        <Space size={4} wrap>
          <span className="mono">{heldOn}</span>
          {row.backfilled ? (
            <Tooltip title={`${formatDateTime(row.enteredAt)} 录入，晚于会议日期`}>
              <Tag color="warning" variant="outlined">
                补录
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: '类型',
      key: 'kind',
      width: 190,
      render: (_, row) => (
        <Space size={[0, 4]} wrap>
          <KindTag kind={row.kind} />
          {row.groupName ? <span className="muted">{row.groupName}</span> : null}
          <AlsoCountsTags kinds={row.alsoCountsAs} />
        </Space>
      ),
    },
    { title: '序号', dataIndex: 'seqNo', key: 'seqNo', width: 80, render: (n: number) => `第 ${n} 次` },
    { title: '主题', dataIndex: 'title', key: 'title', ellipsis: true },
    {
      title: '应到/实到',
      key: 'attendance',
      width: 96,
      render: (_, row) => (
        <span className={row.present < row.expected ? undefined : 'muted'}>
          {row.expected} / {row.present}
        </span>
      ),
    },
    { title: '学时', dataIndex: 'studyHours', key: 'studyHours', width: 64, render: (h: number | null) => h ?? dash },
    {
      title: '附件',
      dataIndex: 'attachments',
      key: 'attachments',
      width: 64,
      render: (n: number) =>
        n > 0 ? (
          <span>
            <PaperClipOutlined /> {n}
          </span>
        ) : (
          dash
        ),
    },
    {
      title: '待办决议',
      dataIndex: 'openDecisions',
      key: 'openDecisions',
      width: 88,
      render: (n: number) => (n > 0 ? <Tag color="processing">{n} 项</Tag> : dash),
    },
  ];
}

export function LifeListPage() {
  const { branch } = useBranch();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useYearParam();
  const kindParam = params.get('kind');
  const kind = MEETING_KINDS.find((k) => k === kindParam);
  const meetings = useQuery('life.list', { branchId: branch.id, year, kind });

  const setKind = (next: string) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next === 'all') copy.delete('kind');
        else copy.set('kind', next);
        return copy;
      },
      { replace: true },
    );

  const kindMenu = (action: 'new' | 'reuse') => ({
    items: MEETING_KINDS.map((k) => ({ key: k, label: k })),
    onClick: ({ key }: { key: string }) =>
      navigate(`/branch/${branch.id}/life/new?kind=${encodeURIComponent(key)}${action === 'reuse' ? '&reuse=1' : ''}`),
  });

  const rows = [...(meetings.data ?? [])].reverse();

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          组织生活
        </Typography.Title>
        <Space>
          <Dropdown menu={kindMenu('new')} trigger={['click']}>
            <Button type="primary" icon={<PlusOutlined />}>
              新建记录 <DownOutlined />
            </Button>
          </Dropdown>
          <Dropdown menu={kindMenu('reuse')} trigger={['click']}>
            <Button icon={<CopyOutlined />}>
              复用上一条 <DownOutlined />
            </Button>
          </Dropdown>
          <ExportBookButton branchId={branch.id} year={year} />
        </Space>
      </div>
      <div className="filter-bar filter-bar-tabs">
        <YearSelect value={year} onChange={setYear} />
        <Tabs
          className="kind-tabs"
          activeKey={kind ?? 'all'}
          onChange={setKind}
          items={[{ key: 'all', label: '全部' }, ...MEETING_KINDS.map((k: MeetingKind) => ({ key: k, label: k }))]}
        />
      </div>
      <ApiErrorAlert error={meetings.error} onRetry={meetings.reload} />
      <Table<MeetingSummary>
        className="life-table"
        rowKey="id"
        size="middle"
        loading={meetings.loading}
        columns={columns()}
        dataSource={rows}
        onRow={(row) => ({
          onClick: () => navigate(`/branch/${branch.id}/life/${row.id}`),
          className: 'clickable-row',
        })}
        pagination={{
          pageSize: 30,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 条`,
          hideOnSinglePage: true,
        }}
        locale={{
          emptyText: (
            <Empty
              description={
                kind
                  ? `${year}年还没有${kind}记录。点「新建记录」登记一次${kind}。`
                  : `${year}年还没有组织生活记录。点「新建记录」开始登记。`
              }
            />
          ),
        }}
      />
    </div>
  );
}
