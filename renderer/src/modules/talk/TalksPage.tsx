import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TalkRecord } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { ExportWordButton } from '../assessment/ScoreSheetExportButton.tsx';
import { TalkFormDrawer } from './TalkFormDrawer.tsx';

export function TalksPage() {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [year, setYear] = useYearParam();
  const talks = useQuery('talk.list', { branchId: branch.id, year });
  const [editing, setEditing] = useState<{ talk: TalkRecord | null } | null>(null);
  const rows = [...(talks.data ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.id - a.id);

  const remove = async (talk: TalkRecord) => {
    try {
      await call('talk.delete', { id: talk.id });
      message.success('已删除该谈话记录');
      talks.reload();
    } catch (caught) {
      reportError(caught);
    }
  };

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          谈心谈话
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ talk: null })}>
            登记谈话
          </Button>
        </Space>
      </div>
      <ApiErrorAlert error={talks.error} onRetry={talks.reload} />
      <Table<TalkRecord>
        rowKey="id"
        size="middle"
        loading={talks.loading}
        dataSource={rows}
        pagination={{ pageSize: 30, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 次` }}
        locale={{ emptyText: <Empty description={`${year}年还没有谈心谈话记录。每名党员每年至少谈话 1 次。`} /> }}
        columns={[
          { title: '日期', dataIndex: 'heldOn', width: 110, render: (v: string) => <span className="mono">{v}</span> },
          { title: '谈话人', dataIndex: 'talkerName', width: 90 },
          { title: '谈话对象', dataIndex: 'talkeeName', width: 90 },
          { title: '类型', dataIndex: 'type', width: 130, render: (v: string) => <Tag>{v}</Tag> },
          { title: '方式', dataIndex: 'mode', width: 64 },
          { title: '主要内容', dataIndex: 'content', ellipsis: true },
          { title: '跟进', dataIndex: 'followUp', ellipsis: true, render: (v: string | null) => v ?? '' },
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_, talk) => (
              <Space size={0}>
                <ExportWordButton
                  iconOnly
                  size="small"
                  tooltip="导出Word：按公文格式导出这次谈话记录"
                  run={() => call('export.talkDocx', { talkId: talk.id })}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label="编辑"
                  onClick={() => setEditing({ talk })}
                />
                <Popconfirm title="删除这条谈话记录？" okText="删除" cancelText="取消" onConfirm={() => remove(talk)}>
                  <Button type="text" size="small" icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <TalkFormDrawer
        open={editing !== null}
        branchId={branch.id}
        talk={editing?.talk ?? null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          message.success(`已保存 ${saved.heldOn} ${saved.talkerName} 与 ${saved.talkeeName} 的谈话`);
          setEditing(null);
          talks.reload();
        }}
      />
    </div>
  );
}
