import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { DutiesOverview, DutyHolder, DutyTask, DutyTaskStatus } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import { PLAN_ITEM_STATUSES } from '../../api/lifeConstants.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../components/format.ts';

/** The ledger names a field by its Chinese label; these are the form's names for them. */
const LABEL_TO_FIELD: Record<string, string> = {
  任务内容: 'text',
  任务来源: 'source',
  对应计划事项: 'planItemId',
  布置日期: 'assignedOn',
  完成时限: 'dueDate',
  状态: 'status',
  完成日期: 'doneOn',
  佐证材料或备注: 'note',
};

interface Values {
  text: string;
  source?: string;
  planItemId?: number;
  assignedOn?: Dayjs;
  dueDate?: Dayjs;
  status: DutyTaskStatus;
  doneOn?: Dayjs;
  note?: string;
}

export interface TaskTarget {
  holder: DutyHolder;
  /** null: a new task. */
  task: DutyTask | null;
}

const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

/** Add or edit one task of a person's 责任清单. */
export function TaskModal({
  overview,
  target,
  onClose,
  onSaved,
}: {
  overview: DutiesOverview;
  target: TaskTarget | null;
  onClose: () => void;
  onSaved: (task: DutyTask) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ApiError; unplaced: ApiErrorDetail[] } | null>(null);
  const status = Form.useWatch('status', form);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!target) return;
    const task = target.task;
    form.resetFields();
    form.setFieldsValue({
      text: task?.text ?? '',
      source: task?.source ?? undefined,
      planItemId: task?.planItemId ?? undefined,
      assignedOn: fromIsoDate(task?.assignedOn) ?? (task ? undefined : dayjs()),
      dueDate: fromIsoDate(task?.dueDate),
      status: task?.status ?? '未开始',
      doneOn: fromIsoDate(task?.doneOn),
      note: task?.note ?? undefined,
    });
    setRefusal(null);
  }, [target]);

  const save = async () => {
    if (!target) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setRefusal(null);
    try {
      const saved = await call('duties.saveTask', {
        ...(target.task ? { id: target.task.id, sortOrder: target.task.sortOrder } : {}),
        branchId: overview.branchId,
        year: overview.year,
        memberId: target.holder.memberId,
        text: values.text.trim(),
        source: values.source?.trim() || undefined,
        planItemId: values.planItemId ?? undefined,
        assignedOn: toIsoDate(values.assignedOn),
        dueDate: toIsoDate(values.dueDate),
        status: values.status,
        doneOn: values.status === '已完成' ? toIsoDate(values.doneOn) : undefined,
        note: values.note?.trim() || undefined,
      });
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({ error, unplaced: applyFieldErrors(form, error, LABEL_TO_FIELD) });
    } finally {
      setSaving(false);
    }
  };

  const posts = [...new Set(target?.holder.posts.map((p) => p.post) ?? [])].join('、');
  return (
    <Modal
      open={target !== null}
      title={`${target?.task ? '修改' : '添加'}责任清单任务：${target?.holder.name ?? ''}${posts ? `（${posts}）` : ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
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
          label="任务内容"
          rules={[{ required: true, whitespace: true, message: '请填写任务内容' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={300} placeholder="如：讲授一次专题党课" />
        </Form.Item>
        <div className="duty-form-row">
          <Form.Item name="source" label="任务来源">
            <Input maxLength={200} placeholder="如：支委会分工、上级部署" />
          </Form.Item>
          <Form.Item name="planItemId" label="对应计划事项">
            <Select
              allowClear
              placeholder={overview.planItems.length ? '可选：本年度计划中的事项' : '本年度还没有计划事项'}
              disabled={overview.planItems.length === 0}
              options={overview.planItems.map((item) => ({ value: item.id, label: `${item.plan}：${item.text}` }))}
              optionFilterProp="label"
              showSearch
            />
          </Form.Item>
        </div>
        <div className="duty-form-row duty-form-row-3">
          <Form.Item name="assignedOn" label="布置日期">
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="dueDate" label="完成时限">
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              options={PLAN_ITEM_STATUSES.map((s) => ({ value: s, label: s }))}
              onChange={(next: DutyTaskStatus) => {
                if (next === '已完成' && !form.getFieldValue('doneOn')) form.setFieldValue('doneOn', dayjs());
              }}
            />
          </Form.Item>
        </div>
        {status === '已完成' ? (
          <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请填写完成日期' }]}>
            <DatePicker format={DATE_FORMAT} style={{ width: 190 }} disabledDate={notFuture} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label="佐证材料或备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder="如：党课讲稿、会议记录" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
