import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import type { Commitment, MemberRow } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { CommitmentModal } from './CommitmentModal.tsx';
import { COMMITMENT_STATUSES, StatusTag } from './shared.tsx';

/** 承诺践诺 of the year: each member's commitments, how they stand, and when they were checked. */
export function CommitmentsTab({ branchId, year, members }: { branchId: number; year: number; members: MemberRow[] }) {
  const { message } = App.useApp();
  const report = useReportError();
  const query = useQuery('exemplary.commitments', { branchId, year });
  const posts = useQuery('exemplary.posts', { branchId, year });
  const [editing, setEditing] = useState<{ commitment: Commitment | null } | null>(null);
  const rows = query.data ?? [];

  const remove = async (commitment: Commitment) => {
    try {
      await call('exemplary.deleteCommitment', { id: commitment.id });
      message.success('已删除这条承诺');
      query.reload();
    } catch (caught) {
      report(caught);
    }
  };

  const columns: TableColumnsType<Commitment> = [
    { title: '党员', dataIndex: 'memberName', width: 90, render: (name: string) => <strong>{name}</strong> },
    {
      title: '岗位',
      dataIndex: 'postName',
      width: 150,
      render: (name: string | null) => name ?? <span className="muted">—</span>,
    },
    { title: '承诺内容', dataIndex: 'text' },
    { title: '承诺日期', dataIndex: 'madeOn', width: 110 },
    {
      title: '践诺',
      dataIndex: 'status',
      width: 90,
      filters: COMMITMENT_STATUSES.map((s) => ({ text: s, value: s })),
      onFilter: (value, row) => row.status === value,
      render: (_, row) => <StatusTag status={row.status} />,
    },
    {
      title: '践诺情况',
      dataIndex: 'fulfilment',
      render: (text: string | null, row) =>
        text ? (
          <span>
            {text}
            {row.checkedOn ? <span className="muted">（{row.checkedOn} 核实）</span> : null}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, commitment) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setEditing({ commitment })}>
            {commitment.status === '践诺中' ? '核实' : '修改'}
          </Button>
          <Popconfirm
            title="删除这条承诺？"
            description="删除后不可恢复。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove(commitment)}
          >
            <Button size="small" type="link" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return (
    <div>
      <div className="ex-tab-head">
        <Typography.Text type="secondary">
          {rows.length > 0
            ? `${year}年共 ${rows.length} 条承诺：践诺中 ${count('践诺中')} 条，已践诺 ${count('已践诺')} 条，未践诺 ${count('未践诺')} 条。`
            : '党员年初公开承诺，年终由支部核实践诺情况。'}
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ commitment: null })}>
          登记承诺
        </Button>
      </div>
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      <Table<Commitment>
        size="small"
        rowKey="id"
        loading={query.loading && !query.data}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        data-testid="commitments-table"
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={`${year}年还没有登记承诺。党员作出承诺后，点击右上角“登记承诺”记下来，年终再核实践诺情况。`}
            />
          ),
        }}
      />
      <CommitmentModal
        open={editing !== null}
        branchId={branchId}
        year={year}
        members={members}
        posts={posts.data ?? []}
        commitment={editing?.commitment ?? null}
        memberId={null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          message.success(`已保存 ${saved.memberName} 的承诺`);
          query.reload();
        }}
      />
    </div>
  );
}
