import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Popover, Space, Table, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { SupervisionItem } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import type { QueryState } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';

const SOURCE_LABELS: Record<SupervisionItem['source'], { label: string; color: string }> = {
  plan: { label: '工作计划', color: 'blue' },
  decision: { label: '会议决议', color: 'volcano' },
  rectification: { label: '整改事项', color: 'purple' },
};

function CloseButton({ item, onClose }: { item: SupervisionItem; onClose: (doneOn: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState<Dayjs | null>(dayjs());
  const [busy, setBusy] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title="销号：填写完成日期"
      content={
        <Space>
          <DatePicker
            value={date}
            onChange={setDate}
            format={DATE_FORMAT}
            disabledDate={(current) => current.isAfter(dayjs(), 'day')}
            aria-label="完成日期"
          />
          <Button
            type="primary"
            loading={busy}
            disabled={!date}
            onClick={async () => {
              setBusy(true);
              await onClose(toIsoDate(date) ?? '');
              setBusy(false);
              setOpen(false);
            }}
          >
            确认销号
          </Button>
        </Space>
      }
    >
      <Button size="small" icon={<CheckOutlined />} aria-label={`销号：${item.text}`}>
        销号
      </Button>
    </Popover>
  );
}

/** 本周督办: every open item from plans, 决议 and 整改, overdue first. */
export function SupervisionPanel({
  branchId,
  query,
  onCompletePlanItem,
}: {
  branchId: number;
  query: QueryState<SupervisionItem[]>;
  onCompletePlanItem: (item: SupervisionItem) => Promise<void>;
}) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const items = query.data ?? [];
  const overdue = items.filter((item) => item.overdue).length;

  const close = async (item: SupervisionItem, doneOn: string) => {
    if (item.source === 'plan') return;
    try {
      await call('routine.closeFollowUp', { branchId, source: item.source, sourceId: item.sourceId, doneOn });
      message.success(`已销号：${item.text}`);
      query.reload();
    } catch (caught) {
      reportError(caught);
    }
  };

  return (
    <Card
      size="small"
      className="supervision-card"
      title={
        <Space>
          <span>本周督办</span>
          <Tag>{items.length} 项未完成</Tag>
          {overdue > 0 ? <Tag color="error">{overdue} 项已逾期</Tag> : null}
        </Space>
      }
    >
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      <Table<SupervisionItem>
        rowKey={(item) => `${item.source}-${item.sourceId}`}
        size="small"
        loading={query.loading}
        dataSource={items}
        rowClassName={(item) => (item.overdue ? 'overdue-row' : '')}
        pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待督办的事项" />,
        }}
        columns={[
          {
            title: '事项',
            key: 'text',
            render: (_, item) => (
              <div>
                <div>{item.text}</div>
                <div className="muted small">{item.origin}</div>
              </div>
            ),
          },
          {
            title: '来源',
            key: 'source',
            width: 96,
            render: (_, item) => <Tag color={SOURCE_LABELS[item.source].color}>{SOURCE_LABELS[item.source].label}</Tag>,
          },
          { title: '责任人', dataIndex: 'owner', width: 96, render: (owner) => owner ?? '—' },
          {
            title: '时限',
            key: 'due',
            width: 150,
            render: (_, item) =>
              item.dueDate ? (
                <Space size={4}>
                  <span className={item.overdue ? 'overdue-date' : undefined}>{item.dueDate}</span>
                  {item.overdue ? <Tag color="error">已逾期</Tag> : null}
                </Space>
              ) : (
                <span className="muted">未定</span>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_, item) =>
              item.source === 'plan' ? (
                <Tooltip title="标记为已完成（完成日期为今天）">
                  <Button size="small" icon={<CheckOutlined />} onClick={() => void onCompletePlanItem(item)}>
                    完成
                  </Button>
                </Tooltip>
              ) : (
                <CloseButton item={item} onClose={(doneOn) => close(item, doneOn)} />
              ),
          },
        ]}
      />
    </Card>
  );
}
