import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Plan, PlanItem } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import { PLAN_ITEM_STATUSES, type PlanItemStatus } from '../../api/lifeConstants.ts';
import { ErrorDetailsList, useReportError } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { DATE_FORMAT, fromIsoDate, today, toIsoDate } from '../../components/format.ts';

const STATUS_COLORS: Record<PlanItemStatus, string> = {
  未开始: 'default',
  进行中: 'processing',
  已完成: 'success',
  已取消: 'default',
};

interface ItemValues {
  text: string;
  owner?: string;
  dueDate?: Dayjs;
  status: PlanItemStatus;
  doneOn?: Dayjs;
  feedback?: string;
}

export function itemInput(item: PlanItem, changes: Partial<ReturnType<typeof toInputBase>> = {}) {
  return { ...toInputBase(item), ...changes };
}

function toInputBase(item: PlanItem) {
  return {
    id: item.id,
    planId: item.planId,
    text: item.text,
    owner: item.owner ?? undefined,
    dueDate: item.dueDate ?? undefined,
    status: item.status,
    doneOn: item.doneOn ?? undefined,
    feedback: item.feedback ?? undefined,
  };
}

function ItemModal({
  plan,
  item,
  open,
  onClose,
  onSaved,
}: {
  plan: Plan;
  item: PlanItem | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<ItemValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ApiError; unplaced: ApiErrorDetail[] } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      item
        ? {
            text: item.text,
            owner: item.owner ?? undefined,
            dueDate: fromIsoDate(item.dueDate),
            status: item.status,
            doneOn: fromIsoDate(item.doneOn),
            feedback: item.feedback ?? undefined,
          }
        : { status: '未开始' },
    );
    setRefusal(null);
  }, [open]);

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      await call('routine.saveItem', {
        id: item?.id,
        planId: plan.id,
        text: values.text.trim(),
        owner: values.owner?.trim() || undefined,
        dueDate: toIsoDate(values.dueDate),
        status: values.status,
        doneOn: toIsoDate(values.doneOn) ?? (values.status === '已完成' ? today() : undefined),
        feedback: values.feedback?.trim() || undefined,
      });
      onSaved();
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({
        error,
        unplaced: applyFieldErrors(form, error, {
          工作事项: 'text',
          完成日期: 'doneOn',
          责任人: 'owner',
          时限: 'dueDate',
        }),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={item ? '编辑事项' : `添加事项：${plan.title}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      forceRender
    >
      {refusal ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={refusal.error.message}
          description={refusal.unplaced.length ? <ErrorDetailsList details={refusal.unplaced} /> : undefined}
        />
      ) : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label="工作事项"
          rules={[{ required: true, whitespace: true, message: '请填写工作事项' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={300} />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="owner" label="责任人">
            <Input maxLength={40} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="dueDate" label="时限">
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select style={{ width: 110 }} options={PLAN_ITEM_STATUSES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="doneOn" label="完成日期">
            <DatePicker format={DATE_FORMAT} disabledDate={(current) => current.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="feedback" label="落实情况反馈">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One plan (年度 or 月度) with its items: 事项, 责任人, 时限, 状态, 完成日期, 反馈. */
export function PlanCard({ plan, onChanged, onRename }: { plan: Plan; onChanged: () => void; onRename: () => void }) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const [editing, setEditing] = useState<{ item: PlanItem | null } | null>(null);

  const remove = async (item: PlanItem) => {
    try {
      await call('routine.deleteItem', { id: item.id });
      message.success('已删除该事项');
      onChanged();
    } catch (caught) {
      reportError(caught);
    }
  };
  const done = plan.items.filter((item) => item.status === '已完成').length;

  return (
    <Card
      size="small"
      className="plan-card"
      title={
        <Space>
          <span>{plan.title}</span>
          <Tag color={plan.month === null ? 'red' : 'default'}>
            {plan.month === null ? '年度计划' : `${plan.month}月`}
          </Tag>
          <span className="muted small">
            完成 {done} / {plan.items.length}
          </span>
        </Space>
      }
      extra={
        <Space>
          <Button size="small" type="text" icon={<EditOutlined />} onClick={onRename} aria-label="修改计划名称" />
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ item: null })}>
            添加事项
          </Button>
        </Space>
      }
    >
      <Table<PlanItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={plan.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有事项，点「添加事项」" /> }}
        columns={[
          { title: '事项', dataIndex: 'text' },
          { title: '责任人', dataIndex: 'owner', width: 90, render: (v) => v ?? '—' },
          { title: '时限', dataIndex: 'dueDate', width: 104, render: (v) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 84,
            render: (status: PlanItemStatus) => <Tag color={STATUS_COLORS[status]}>{status}</Tag>,
          },
          { title: '完成日期', dataIndex: 'doneOn', width: 104, render: (v) => v ?? '—' },
          { title: '反馈', dataIndex: 'feedback', ellipsis: true, render: (v) => v ?? '' },
          {
            title: '操作',
            key: 'actions',
            width: 84,
            render: (_, item) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label="编辑"
                  onClick={() => setEditing({ item })}
                />
                <Popconfirm title="删除这个事项？" okText="删除" cancelText="取消" onConfirm={() => remove(item)}>
                  <Button size="small" type="text" icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <ItemModal
        plan={plan}
        item={editing?.item ?? null}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          message.success('已保存事项');
          setEditing(null);
          onChanged();
        }}
      />
    </Card>
  );
}
