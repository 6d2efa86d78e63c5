import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Modal, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Plan, SupervisionItem } from '../../../../electron/api/index.ts';
import { call, toApiError } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { today } from '../../components/format.ts';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { itemInput, PlanCard } from './PlanCard.tsx';
import { SupervisionPanel } from './SupervisionPanel.tsx';

type PlanDialog = { plan: Plan | null; month: number | null } | null;

/** 计划与督办: the annual and monthly plans of a year, and the weekly 督办 list. */
export function RoutinePage() {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [year, setYear] = useYearParam();
  const plans = useQuery('routine.plans', { branchId: branch.id, year });
  const supervision = useQuery('routine.supervision', { branchId: branch.id });
  const [dialog, setDialog] = useState<PlanDialog>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ title: string; month: number | null }>();

  const list = [...(plans.data ?? [])].sort((a, b) => (a.month ?? 0) - (b.month ?? 0));
  const annual = list.find((plan) => plan.month === null);
  const usedMonths = new Set(list.map((plan) => plan.month));
  const changed = () => {
    plans.reload();
    supervision.reload();
  };

  const openDialog = (next: NonNullable<PlanDialog>) => {
    setDialog(next);
    const month = next.plan?.month ?? next.month;
    form.setFieldsValue({
      month,
      title: next.plan?.title ?? (month === null ? `${year}年度党支部工作计划` : `${year}年${month}月工作计划`),
    });
  };

  const savePlan = async () => {
    if (!dialog) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      await call('routine.savePlan', {
        id: dialog.plan?.id,
        branchId: branch.id,
        year,
        month: dialog.plan ? dialog.plan.month : dialog.month === null ? null : (values.month ?? dialog.month),
        title: values.title.trim(),
      });
      message.success('已保存计划');
      setDialog(null);
      changed();
    } catch (caught) {
      const error = toApiError(caught);
      form.setFields([{ name: 'title', errors: [error.details[0]?.message ?? error.message] }]);
    } finally {
      setSaving(false);
    }
  };

  const completePlanItem = async (item: SupervisionItem) => {
    const planYear = Number(/^(\d{4})年/.exec(item.origin)?.[1] ?? year);
    try {
      const yearPlans =
        planYear === year && plans.data
          ? plans.data
          : await call('routine.plans', { branchId: branch.id, year: planYear });
      const found = yearPlans.flatMap((plan) => plan.items).find((candidate) => candidate.id === item.sourceId);
      if (!found) throw new Error('找不到这个计划事项');
      await call('routine.saveItem', itemInput(found, { status: '已完成', doneOn: today() }));
      message.success(`已完成：${item.text}`);
      changed();
    } catch (caught) {
      reportError(caught);
    }
  };

  const freeMonths = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => !usedMonths.has(m));

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          计划与督办
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          {annual ? null : (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openDialog({ plan: null, month: null })}>
              新建年度计划
            </Button>
          )}
          <Button
            icon={<PlusOutlined />}
            disabled={freeMonths.length === 0}
            onClick={() =>
              openDialog({
                plan: null,
                month: freeMonths.includes(new Date().getMonth() + 1)
                  ? new Date().getMonth() + 1
                  : (freeMonths[0] ?? 1),
              })
            }
          >
            新建月度计划
          </Button>
        </Space>
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <SupervisionPanel branchId={branch.id} query={supervision} onCompletePlanItem={completePlanItem} />
        <ApiErrorAlert error={plans.error} onRetry={plans.reload} />
        {plans.loading && !plans.data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : list.length === 0 ? (
          <Empty description={`${year}年还没有工作计划。先建立年度计划，再按月分解为月度计划。`} />
        ) : (
          list.map((plan) => (
            <PlanCard
              key={plan.id}
              plan={plan}
              onChanged={changed}
              onRename={() => openDialog({ plan, month: plan.month })}
            />
          ))
        )}
      </Space>
      <Modal
        open={dialog !== null}
        title={
          dialog?.plan ? '修改计划名称' : dialog?.month === null ? `新建${year}年度工作计划` : `新建${year}年月度计划`
        }
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void savePlan()}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <Form form={form} layout="vertical">
          {dialog && !dialog.plan && dialog.month !== null ? (
            <Form.Item name="month" label="月份">
              <Select
                options={freeMonths.map((m) => ({ value: m, label: `${m}月` }))}
                onChange={(m: number) => form.setFieldValue('title', `${year}年${m}月工作计划`)}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="title"
            label="计划名称"
            rules={[{ required: true, whitespace: true, message: '请填写计划名称' }]}
          >
            <Input maxLength={120} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
