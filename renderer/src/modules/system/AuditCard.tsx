import { Alert, Card, Empty, Skeleton, Table } from 'antd';
import type { AuditEntry } from '../../../../electron/api/index.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { formatDateTime } from '../../components/format.ts';

/** The append-only log: whether its hash chain is intact, and what changed lately. */
export function AuditCard() {
  const verify = useQuery('audit.verify', {});
  const recent = useQuery('audit.recent', { limit: 50 });

  return (
    <Card title="审计日志">
      <ApiErrorAlert error={verify.error} onRetry={verify.reload} />
      {verify.data ? (
        verify.data.ok ? (
          <Alert
            type="success"
            showIcon
            title={`审计日志完整：共 ${verify.data.entries} 条记录，环环相扣，未发现改动。`}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            title={`审计日志在第 ${verify.data.brokenAt ?? '?'} 条断裂`}
            description="这一条或它之前的记录在程序之外被改动过。请保留当前文件，联系上级党委或技术支持核查；可以从备份恢复。"
            style={{ marginBottom: 16 }}
          />
        )
      ) : verify.loading ? (
        <Skeleton.Input active block style={{ marginBottom: 16 }} />
      ) : null}
      <ApiErrorAlert error={recent.error} onRetry={recent.reload} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={recent.loading}
        dataSource={recent.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="还没有记录" /> }}
        columns={[
          { title: '序号', dataIndex: 'id', width: 72 },
          { title: '时间', dataIndex: 'at', width: 160, render: (value: string) => formatDateTime(value) },
          { title: '操作人', dataIndex: 'actor', width: 100 },
          { title: '内容', dataIndex: 'summary' },
        ]}
      />
    </Card>
  );
}
