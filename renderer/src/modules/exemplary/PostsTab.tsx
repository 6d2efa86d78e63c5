import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ExemplaryPost, ExemplaryScheme, MemberRow } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { EndPostModal, PostModal } from './PostModals.tsx';

const KIND_COLORS = ['red', 'volcano', 'geekblue', 'purple', 'cyan'];

/** 党员示范岗 / 责任区 of the year: who holds which post, where, since when; 设立 / 修改 / 撤岗 / 删除. */
export function PostsTab({
  branchId,
  year,
  scheme,
  members,
}: {
  branchId: number;
  year: number;
  scheme: ExemplaryScheme | undefined;
  members: MemberRow[];
}) {
  const { message } = App.useApp();
  const report = useReportError();
  const query = useQuery('exemplary.posts', { branchId, year });
  const [editing, setEditing] = useState<{ post: ExemplaryPost | null } | null>(null);
  const [ending, setEnding] = useState<ExemplaryPost | null>(null);
  const kindColor = (kind: string) =>
    KIND_COLORS[Math.max(0, scheme?.postKinds.findIndex((k) => k.kind === kind) ?? 0) % KIND_COLORS.length];

  const remove = async (post: ExemplaryPost) => {
    try {
      await call('exemplary.deletePost', { id: post.id });
      message.success(`已删除“${post.name}”`);
      query.reload();
    } catch (caught) {
      report(caught);
    }
  };

  const columns: TableColumnsType<ExemplaryPost> = [
    {
      title: '类别',
      dataIndex: 'kind',
      width: 120,
      render: (kind: string) => <Tag color={kindColor(kind)}>{kind}</Tag>,
    },
    { title: '岗位名称', dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
    {
      title: '责任区范围',
      dataIndex: 'scope',
      render: (scope: string | null) => scope ?? <span className="muted">—</span>,
    },
    { title: '岗位党员', dataIndex: 'holderName', width: 100 },
    { title: '设岗日期', dataIndex: 'fromDate', width: 110 },
    {
      title: '状态',
      dataIndex: 'toDate',
      width: 150,
      render: (toDate: string | null) =>
        toDate ? <span className="muted">{toDate} 撤岗</span> : <Tag color="success">在岗</Tag>,
    },
    {
      title: '',
      key: 'actions',
      width: 170,
      render: (_, post) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setEditing({ post })}>
            修改
          </Button>
          {post.toDate ? null : (
            <Button size="small" type="link" onClick={() => setEnding(post)}>
              撤岗
            </Button>
          )}
          <Popconfirm
            title={`删除“${post.name}”？`}
            description="删除后不可恢复；岗位不再设立时，一般用“撤岗”保留记录。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove(post)}
          >
            <Button size="small" type="link" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const rows = query.data ?? [];
  return (
    <div>
      <div className="ex-tab-head">
        <Typography.Text type="secondary">
          设岗定责：为党员设立示范岗、划定责任区，亮身份、作表率。列出本年度内在岗过的所有岗位。
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ post: null })}>
          设立岗位
        </Button>
      </div>
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      <Table<ExemplaryPost>
        size="small"
        rowKey="id"
        loading={query.loading && !query.data}
        columns={columns}
        dataSource={rows}
        pagination={false}
        data-testid="posts-table"
        expandable={{
          rowExpandable: (post) => !!post.duty,
          expandedRowRender: (post) => <span>岗位职责：{post.duty}</span>,
        }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={`${year}年还没有设立党员示范岗或责任区。点击右上角“设立岗位”，为党员设岗定责。`}
            />
          ),
        }}
      />
      <PostModal
        open={editing !== null}
        branchId={branchId}
        scheme={scheme}
        members={members}
        post={editing?.post ?? null}
        onClose={() => setEditing(null)}
        onSaved={(post) => {
          setEditing(null);
          message.success(`已保存“${post.name}”`);
          query.reload();
        }}
      />
      <EndPostModal
        post={ending}
        onClose={() => setEnding(null)}
        onSaved={(post) => {
          setEnding(null);
          message.success(`“${post.name}”已于 ${post.toDate} 撤岗`);
          query.reload();
        }}
      />
    </div>
  );
}
