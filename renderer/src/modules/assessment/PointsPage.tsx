import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Skeleton, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { MemberPoints } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { PointsAddModal } from './PointsAddModal.tsx';
import { PointsSchemeBar } from './PointsSchemeBar.tsx';
import { pts } from './shared.tsx';
import './projects.css';

type Grade = MemberPoints['grade'];
type PointEvent = MemberPoints['events'][number] & { key: number };

const GRADES: Grade[] = ['优秀', '合格', '基本合格', '不合格'];
const GRADE_COLORS: Record<Grade, string> = { 优秀: 'gold', 合格: 'green', 基本合格: 'orange', 不合格: 'error' };

function GradeTag({ grade }: { grade: Grade }) {
  return (
    <Tag color={GRADE_COLORS[grade]} variant="filled" data-grade={grade}>
      {grade}
    </Tag>
  );
}

function signed(value: number): string {
  return value > 0 ? `+${pts(value)}` : pts(value);
}

const EVENT_COLUMNS: TableColumnsType<PointEvent> = [
  { title: '日期', dataIndex: 'date', width: 110 },
  { title: '积分项', dataIndex: 'label' },
  {
    title: '分值',
    dataIndex: 'delta',
    width: 80,
    align: 'right',
    render: (value: number) => (
      <span className={value > 0 ? 'pt-plus' : value < 0 ? 'pt-minus' : 'muted'}>{signed(value)}</span>
    ),
  },
  { title: '来源', dataIndex: 'source', render: (value: string) => <span className="muted">{value}</span> },
];

/** The events table with 删除 on hand-entered entries; automatic ones follow from their records. */
function eventColumns(onDelete: (event: PointEvent) => Promise<void>): TableColumnsType<PointEvent> {
  return [
    ...EVENT_COLUMNS,
    {
      title: '',
      key: 'actions',
      width: 64,
      render: (_, event) =>
        event.entryId === undefined ? (
          <span className="muted small" title="自动积分由出勤、党费和谈心谈话记录生成；如有误，请修改对应记录">
            自动
          </span>
        ) : (
          <Popconfirm
            title="删除这条登记积分？"
            description={`${event.date} ${event.label}，删除后不能恢复，操作会记入修改记录。`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => onDelete(event)}
          >
            <Button
              size="small"
              type="link"
              danger
              icon={<DeleteOutlined />}
              aria-label={`删除登记积分 ${event.label}`}
            >
              删除
            </Button>
          </Popconfirm>
        ),
    },
  ];
}

/**
 * 党员积分 of a branch-year: each member's base, automatic points (from attendance, dues and talks),
 * hand-entered points, total, grade and veto; the events behind them on expanding a row; 登记积分 for
 * the rules that are entered by hand.
 */
export function PointsPage() {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const report = useReportError();
  const [year, setYear] = useYearParam();
  const query = useQuery('points.year', { branchId: branch.id, year });
  const rules = useQuery('points.rules', {});
  // 登记积分 answers with the year's standings: they stand until the next load replaces what they were based on.
  const [fresh, setFreshState] = useState<{ base: MemberPoints[] | undefined; rows: MemberPoints[] } | null>(null);
  const setFresh = (rows: MemberPoints[]) => setFreshState({ base: query.data, rows });
  const rows = (fresh?.base === query.data ? fresh?.rows : undefined) ?? query.data;
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState<{ memberId: number | null } | null>(null);

  const shown = useMemo(() => {
    const term = search.trim();
    return [...(rows ?? [])]
      .filter((row) => !term || row.name.includes(term))
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
  }, [rows, search]);
  const counts = GRADES.map((grade) => ({ grade, count: (rows ?? []).filter((r) => r.grade === grade).length }));
  const base = rows?.[0]?.base;
  const deleteEntry = async (event: PointEvent) => {
    if (event.entryId === undefined) return;
    try {
      setFresh(await call('points.deleteEntry', { id: event.entryId }));
      message.success(`已删除登记积分：${event.label}`);
    } catch (caught) {
      report(caught);
    }
  };

  const columns: TableColumnsType<MemberPoints> = [
    { title: '姓名', dataIndex: 'name', width: 110, render: (name: string) => <strong>{name}</strong> },
    { title: '基础分', dataIndex: 'base', width: 80, align: 'right', render: (v: number) => pts(v) },
    {
      title: '自动积分',
      dataIndex: 'auto',
      width: 90,
      align: 'right',
      render: (v: number) => <span className={v < 0 ? 'pt-minus' : undefined}>{signed(v)}</span>,
    },
    {
      title: '登记积分',
      dataIndex: 'manual',
      width: 90,
      align: 'right',
      render: (v: number) => <span className={v < 0 ? 'pt-minus' : undefined}>{signed(v)}</span>,
    },
    {
      title: '总分',
      dataIndex: 'total',
      width: 80,
      align: 'right',
      sorter: (a, b) => a.total - b.total,
      render: (v: number) => <strong className="pt-total">{pts(v)}</strong>,
    },
    {
      title: '等次',
      dataIndex: 'grade',
      width: 96,
      filters: GRADES.map((g) => ({ text: g, value: g })),
      onFilter: (value, row) => row.grade === value,
      render: (grade: Grade) => <GradeTag grade={grade} />,
    },
    {
      title: '一票否决',
      dataIndex: 'veto',
      render: (veto: string | null) =>
        veto ? <span className="pt-veto">{veto}</span> : <span className="muted">—</span>,
    },
    {
      title: '',
      key: 'actions',
      width: 90,
      render: (_, row) => (
        <Button size="small" type="link" onClick={() => setAdding({ memberId: row.memberId })}>
          登记积分
        </Button>
      ),
    },
  ];

  return (
    <div className="page as-page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          党员积分
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({ memberId: null })}>
            登记积分
          </Button>
        </Space>
      </div>
      <div className="filter-bar pt-summary">
        <Input.Search
          allowClear
          placeholder="按姓名查找"
          style={{ width: 200 }}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {counts.map(({ grade, count }) => (
          <span key={grade} data-testid={`grade-count-${grade}`}>
            <GradeTag grade={grade} /> <strong>{count}</strong> 人
          </span>
        ))}
        <span className="muted pt-formula">
          总分 = 基础分{base === undefined ? '' : ` ${pts(base)}`} + 自动积分 + 登记积分（自然年清零）
        </span>
      </div>
      <PointsSchemeBar
        onChanged={() => {
          query.reload();
          rules.reload();
        }}
      />
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      {!rows && query.loading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Table<MemberPoints>
          size="small"
          rowKey="memberId"
          columns={columns}
          dataSource={shown}
          pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: '本年度花名册中没有党员' }}
          expandable={{
            expandRowByClick: false,
            rowExpandable: (row) => row.events.length > 0,
            expandedRowRender: (row) => (
              <Table<PointEvent>
                size="small"
                className="pt-events"
                rowKey="key"
                columns={eventColumns(deleteEntry)}
                dataSource={row.events.map((event, key) => ({ ...event, key }))}
                pagination={false}
                scroll={row.events.length > 10 ? { y: 360 } : undefined}
              />
            ),
          }}
        />
      )}
      <PointsAddModal
        open={adding !== null}
        branchId={branch.id}
        year={year}
        members={rows ?? []}
        rules={rules.data ?? []}
        memberId={adding?.memberId ?? null}
        onClose={() => setAdding(null)}
        onSaved={(saved, text, savedYear) => {
          if (savedYear === year) setFresh(saved);
          setAdding(null);
          message.success(text);
        }}
      />
    </div>
  );
}
