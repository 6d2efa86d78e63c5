import { CloudDownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import type { BackupEntry } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { formatBytes, formatDateTime } from '../../components/format.ts';
import { BACKUP_REASONS } from './labels.ts';

export function BackupsCard({ onChanged }: { onChanged: () => void }) {
  const backups = useQuery('backup.list', {});
  const { reload } = useLedger();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [creating, setCreating] = useState(false);
  const [restoring, setRestoring] = useState<string | null>(null);

  const create = async () => {
    setCreating(true);
    try {
      const entry = await call('backup.create', {});
      message.success(`已备份（${formatDateTime(entry.createdAt)}）`);
      backups.reload();
      onChanged();
    } catch (caught) {
      reportError(caught);
    } finally {
      setCreating(false);
    }
  };

  const restore = async (entry: BackupEntry) => {
    setRestoring(entry.name);
    try {
      const result = await call('backup.restore', { name: entry.name });
      message.success(`已恢复到 ${formatDateTime(entry.createdAt)} 的备份；恢复前的台账已另存为 ${result.keptAs}`, 8);
      await reload();
      backups.reload();
      onChanged();
    } catch (caught) {
      reportError(caught);
    } finally {
      setRestoring(null);
    }
  };

  return (
    <Card
      title="备份"
      extra={
        <Button type="primary" icon={<SaveOutlined />} loading={creating} onClick={() => void create()}>
          立即备份
        </Button>
      }
    >
      <ApiErrorAlert error={backups.error} onRetry={backups.reload} />
      <Table<BackupEntry>
        rowKey="name"
        size="small"
        loading={backups.loading}
        dataSource={backups.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="还没有备份。点「立即备份」保存一份。" /> }}
        columns={[
          { title: '备份时间', dataIndex: 'createdAt', render: (value: string) => formatDateTime(value), width: 180 },
          {
            title: '原因',
            dataIndex: 'reason',
            width: 120,
            render: (reason: BackupEntry['reason']) => (
              <Tag color={reason === 'manual' ? 'blue' : 'default'}>{BACKUP_REASONS[reason] ?? reason}</Tag>
            ),
          },
          { title: '大小', dataIndex: 'sizeBytes', width: 110, render: (bytes: number) => formatBytes(bytes) },
          {
            title: '文件名',
            dataIndex: 'name',
            ellipsis: true,
            render: (name: string) => <span className="mono">{name}</span>,
          },
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_, entry) => (
              <Popconfirm
                title="恢复到这份备份？"
                description={
                  <div style={{ maxWidth: 320 }}>
                    台账将回到 {formatDateTime(entry.createdAt)}{' '}
                    时的内容。当前的台账会先另存为一份「恢复前」备份，不会丢失，需要时可再恢复回来。
                  </div>
                }
                okText="恢复"
                cancelText="取消"
                onConfirm={() => restore(entry)}
              >
                <Button size="small" icon={<CloudDownloadOutlined />} loading={restoring === entry.name}>
                  恢复
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
