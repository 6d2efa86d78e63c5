import { Alert, Button, DatePicker, Form, Input, InputNumber, List, Modal, Popconfirm, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { DuesMemberYear, DuesPayment } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import {
  BASED_CATEGORIES,
  DUES_CATEGORIES,
  type DuesCategory,
  FIXED_AMOUNT_CATEGORIES,
  PAYMENT_KINDS,
  type PaymentKind,
} from '../../api/lifeConstants.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';
import { money } from './duesMonths.ts';

const HANDLER_KEY = 'ledger.duesHandler';
const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');
const rememberedHandler = () => {
  try {
    return localStorage.getItem(HANDLER_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};

type Refusal = { error: ApiError; unplaced: ApiErrorDetail[] } | null;

function RefusalAlert({ refusal }: { refusal: Refusal }) {
  if (!refusal) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={refusal.error.message}
      description={refusal.unplaced.length ? <ErrorDetailsList details={refusal.unplaced} /> : undefined}
    />
  );
}

/** A modal form that sends one call and places the ledger's refusal on its fields. */
function useModalForm<V extends object>(open: boolean, initial: Partial<V>, labels: Record<string, string>) {
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initial as Parameters<typeof form.setFieldsValue>[0]);
    setRefusal(null);
  }, [open]);
  const run = async (send: (values: V) => Promise<void>) => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setRefusal(null);
    try {
      await send(values);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({ error, unplaced: applyFieldErrors(form, error, labels) });
    } finally {
      setSaving(false);
    }
  };
  return { form, saving, refusal, run };
}

/** The entries already recorded for a member-month, each deletable: a wrong amount is deleted and entered again. */
function MonthPayments({
  memberId,
  year,
  month,
  onDeleted,
}: {
  memberId: number;
  year: number;
  month: number;
  onDeleted: (text: string) => void;
}) {
  const [payments, setPayments] = useState<DuesPayment[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('dues.payments', { memberId, year, month })
      .then((list) => live && setPayments(list))
      .catch((caught) => live && setFailure(toApiError(caught).message));
    return () => {
      live = false;
    };
  }, [memberId, year, month]);
  const remove = async (payment: DuesPayment) => {
    try {
      await call('dues.deletePayment', { id: payment.id });
      onDeleted(`已删除 ${payment.paidOn} 登记的 ${money(payment.amount)} 元`);
    } catch (caught) {
      setFailure(toApiError(caught).message);
    }
  };
  if (failure) return <Alert type="error" showIcon style={{ marginBottom: 12 }} title={failure} />;
  if (!payments || payments.length === 0) return null;
  return (
    <List
      size="small"
      bordered
      style={{ marginBottom: 12 }}
      header="该月已登记"
      dataSource={payments}
      renderItem={(payment) => (
        <List.Item
          actions={[
            <Popconfirm
              key="delete"
              title="删除这条党费记录？"
              description="删除会记入操作日志；登记错了可删除后重新登记。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove(payment)}
            >
              <Button size="small" type="link" danger>
                删除
              </Button>
            </Popconfirm>,
          ]}
        >
          {`${money(payment.amount)} 元 · ${payment.kind} · ${payment.paidOn} 交纳${payment.handler ? ` · 经手人 ${payment.handler}` : ''}${payment.note ? ` · ${payment.note}` : ''}`}
        </List.Item>
      )}
    />
  );
}

interface PaymentValues {
  amount: number;
  paidOn: Dayjs;
  handler?: string;
  kind: PaymentKind;
  note?: string;
}

export function defaultPaymentKind(year: number, month: number): PaymentKind {
  const current = dayjs();
  const key = year * 12 + month;
  const now = current.year() * 12 + current.month() + 1;
  return key > now ? '预交' : key < now ? '补交' : '按月';
}

export function PaymentModal({
  target,
  year,
  onClose,
  onSaved,
}: {
  target: { row: DuesMemberYear; month: number } | null;
  year: number;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const row = target?.row;
  const month = target?.month ?? 1;
  const already = row?.months[month - 1] ?? null;
  const due = row?.profile?.monthlyDue ?? 0;
  const { form, saving, refusal, run } = useModalForm<PaymentValues>(
    target !== null,
    {
      amount: already !== null ? Math.max(0, Number((due - already).toFixed(2))) : due,
      paidOn: dayjs(),
      handler: rememberedHandler(),
      kind: defaultPaymentKind(year, month),
    },
    { 交纳日期: 'paidOn', 所属月份: 'kind', 金额: 'amount', 经手人: 'handler', 备注: 'note' },
  );
  const save = () =>
    run(async (values) => {
      if (!row) return;
      const payment = await call('dues.recordPayment', {
        memberId: row.memberId,
        year,
        month,
        amount: values.amount,
        paidOn: toIsoDate(values.paidOn) ?? '',
        handler: values.handler?.trim() || undefined,
        kind: values.kind,
        note: values.note?.trim() || undefined,
      });
      try {
        if (values.handler?.trim()) localStorage.setItem(HANDLER_KEY, values.handler.trim());
      } catch {
        // Remembering the 经手人 is only a convenience.
      }
      onSaved(`已登记 ${row.name} ${year}年${month}月党费 ${money(payment.amount)} 元`);
    });
  return (
    <Modal
      open={target !== null}
      title={row ? `登记党费：${row.name} · ${year}年${month}月` : ''}
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      forceRender
    >
      <RefusalAlert refusal={refusal} />
      {row?.profile ? (
        <Alert type="info" style={{ marginBottom: 12 }} title={`月交纳额：${row.profile.explanation}`} />
      ) : (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="尚未核定本年度交纳基数，应交金额未知。" />
      )}
      {already !== null && row ? (
        <>
          <Alert
            type="warning"
            style={{ marginBottom: 12 }}
            title={`该月已登记 ${money(already)} 元，再登记会累加。`}
          />
          <MonthPayments memberId={row.memberId} year={year} month={month} onDeleted={onSaved} />
        </>
      ) : null}
      <Form form={form} layout="vertical">
        <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber min={0} precision={2} step={1} style={{ width: '100%' }} suffix="元" />
        </Form.Item>
        <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true, message: '请选择交纳日期' }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={notFuture} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label="交纳方式">
          <Radio.Group options={PAYMENT_KINDS.map((kind) => ({ value: kind, label: kind }))} />
        </Form.Item>
        <Form.Item name="handler" label="经手人">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="note" label="备注" extra="补交超过 6 个月的，须写明原因">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ProfileValues {
  category: DuesCategory;
  base?: number;
  fixedMonthly?: number;
  approvalRef?: string;
}

export function ProfileModal({
  row,
  year,
  onClose,
  onSaved,
}: {
  row: DuesMemberYear | null;
  year: number;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const { form, saving, refusal, run } = useModalForm<ProfileValues>(
    row !== null,
    {
      category: row?.profile?.category ?? '在职',
      base: row?.profile?.base ?? undefined,
      fixedMonthly: row?.profile && row.profile.base === null ? row.profile.monthlyDue : undefined,
      approvalRef: row?.profile?.approvalRef ?? undefined,
    },
    { 交纳基数: 'base', 批准文号: 'approvalRef', 月交纳额: 'fixedMonthly', 人员类别: 'category' },
  );
  const category = Form.useWatch('category', form) as DuesCategory | undefined;
  const save = () =>
    run(async (values) => {
      if (!row) return;
      const profile = await call('dues.setProfile', {
        memberId: row.memberId,
        year,
        category: values.category,
        base: BASED_CATEGORIES.includes(values.category) ? values.base : undefined,
        fixedMonthly: FIXED_AMOUNT_CATEGORIES.includes(values.category) ? values.fixedMonthly : undefined,
        approvalRef: values.approvalRef?.trim() || undefined,
      });
      onSaved(`已核定 ${row.name} ${year}年党费：${profile.explanation}`);
    });
  return (
    <Modal
      open={row !== null}
      title={row ? `核定交纳基数：${row.name} · ${year}年` : ''}
      okText="核定"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      forceRender
    >
      <RefusalAlert refusal={refusal} />
      <Form form={form} layout="vertical">
        <Form.Item name="category" label="人员类别" rules={[{ required: true }]}>
          <Select options={DUES_CATEGORIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        {category && BASED_CATEGORIES.includes(category) ? (
          <Form.Item
            name="base"
            label="交纳基数（元/月）"
            extra={category === '离退休' ? '离退休费（养老金）总额' : '税后月工资收入中相对固定的、经常性的部分'}
            rules={[{ required: true, message: '请填写交纳基数' }]}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix="元" />
          </Form.Item>
        ) : null}
        {category && FIXED_AMOUNT_CATEGORIES.includes(category) ? (
          <Form.Item
            name="fixedMonthly"
            label="月交纳额（元）"
            extra={category === '农民' ? '农民党员每月 0.2–1 元' : '上级党委批准的金额，免交填 0'}
            rules={[{ required: true, message: '请填写月交纳额' }]}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix="元" />
          </Form.Item>
        ) : null}
        {category === '困难减免' ? (
          <Form.Item name="approvalRef" label="批准文号" rules={[{ required: true, message: '请填写批准文号' }]}>
            <Input maxLength={60} />
          </Form.Item>
        ) : null}
        <div className="muted">
          月交纳额由台账按《关于中国共产党党费收缴、使用和管理的规定》计算，按全额适用比例，到分。
        </div>
      </Form>
    </Modal>
  );
}

interface RemitValues {
  amount: number;
  remittedOn: Dayjs;
  voucherNo?: string;
  handler?: string;
}

export function RemitModal({
  target,
  branchId,
  year,
  onClose,
  onSaved,
}: {
  target: { month: number; paid: number } | null;
  branchId: number;
  year: number;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const { form, saving, refusal, run } = useModalForm<RemitValues>(
    target !== null,
    { amount: target?.paid ?? 0, remittedOn: dayjs(), handler: rememberedHandler() },
    { 上缴日期: 'remittedOn', 金额: 'amount', 凭证号: 'voucherNo', 经手人: 'handler' },
  );
  const save = () =>
    run(async (values) => {
      if (!target) return;
      await call('dues.remit', {
        branchId,
        year,
        month: target.month,
        amount: values.amount,
        remittedOn: toIsoDate(values.remittedOn) ?? '',
        voucherNo: values.voucherNo?.trim() || undefined,
        handler: values.handler?.trim() || undefined,
      });
      onSaved(`已登记 ${year}年${target.month}月党费上缴 ${money(values.amount)} 元`);
    });
  return (
    <Modal
      open={target !== null}
      title={target ? `上缴党费：${year}年${target.month}月` : ''}
      okText="登记上缴"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      forceRender
    >
      <RefusalAlert refusal={refusal} />
      <Form form={form} layout="vertical">
        <Form.Item name="amount" label="上缴金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix="元" />
        </Form.Item>
        <Form.Item name="remittedOn" label="上缴日期" rules={[{ required: true, message: '请选择上缴日期' }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={notFuture} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="voucherNo" label="凭证号">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="handler" label="经手人">
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
