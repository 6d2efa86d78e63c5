import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { MemberPoints, PointRuleInfo } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { toIsoDate } from '../../components/format.ts';
import { pts } from './shared.tsx';

interface Values {
  memberId: number;
  ruleId: string;
  date: Dayjs;
  note?: string;
}

const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

function ruleLabel(rule: PointRuleInfo): string {
  if (rule.category === '一票否决') return `${rule.label}（一票否决）`;
  return `${rule.label}（${rule.points > 0 ? '+' : ''}${pts(rule.points)} 分）`;
}

/** 登记积分: a hand-entered event under one of the manual rules, for one member on one day. */
export function PointsAddModal({
  open,
  branchId,
  year,
  members,
  rules,
  memberId,
  onClose,
  onSaved,
}: {
  open: boolean;
  branchId: number;
  year: number;
  members: MemberPoints[];
  rules: PointRuleInfo[];
  memberId: number | null;
  onClose: () => void;
  onSaved: (rows: MemberPoints[], text: string, year: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ApiError; unplaced: ApiErrorDetail[] } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const lastDay = dayjs(`${year}-12-31`);
    form.setFieldsValue({
      memberId: memberId ?? undefined,
      date: lastDay.isBefore(dayjs(), 'day') ? lastDay : dayjs(),
    });
    setRefusal(null);
  }, [open]);

  const ruleOptions = useMemo(() => {
    const groups = new Map<string, PointRuleInfo[]>();
    for (const rule of rules.filter((r) => r.manual))
      groups.set(rule.category, [...(groups.get(rule.category) ?? []), rule]);
    return [...groups].map(([category, list]) => ({
      label: category,
      title: category,
      options: list.map((rule) => ({ value: rule.id, label: ruleLabel(rule) })),
    }));
  }, [rules]);

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setRefusal(null);
    try {
      const date = toIsoDate(values.date) ?? '';
      const rows = await call('points.add', {
        branchId,
        memberId: values.memberId,
        date,
        ruleId: values.ruleId,
        note: values.note?.trim() || undefined,
      });
      const member = members.find((m) => m.memberId === values.memberId)?.name ?? '';
      const rule = rules.find((r) => r.id === values.ruleId)?.label ?? '';
      onSaved(rows, `已为 ${member} 登记积分：${rule}`, Number(date.slice(0, 4)));
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({
        error,
        unplaced: applyFieldErrors(form, error, { 党员: 'memberId', 积分项: 'ruleId', 日期: 'date', 备注: 'note' }),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记积分"
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
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
        <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="输入姓名查找"
            options={members.map((m) => ({ value: m.memberId, label: m.name }))}
          />
        </Form.Item>
        <Form.Item
          name="ruleId"
          label="积分项"
          rules={[{ required: true, message: '请选择积分项' }]}
          extra="参加组织生活、交纳党费、谈心谈话由台账记录自动积分，无需登记。"
        >
          <Select placeholder="选择积分项" options={ruleOptions} />
        </Form.Item>
        <div className="pj-form-row pt-form-row">
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="note" label="备注（佐证材料）" className="pt-note">
            <Input maxLength={200} placeholder="如：心得文章《…》、表彰文件" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
