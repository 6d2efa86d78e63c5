import { Alert, DatePicker, Form, type FormInstance, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import type { MemberDetail, MemberStatus, OrgUnit, PartyPost } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import { MEMBER_STATUSES, ON_ROLL_STATUSES, PARTY_POSTS } from '../../api/constants.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';
import { branchesOf, groupsOf } from './orgTree.ts';

/** A small form in a modal that runs one member action and shows a refusal on the fields it names. */
function ActionModal<V extends object>({
  open,
  title,
  okText,
  labelToField,
  initialValues,
  run,
  onClose,
  onDone,
  onValuesChange,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  labelToField: Record<string, string>;
  initialValues: Partial<V>;
  run: (values: V) => Promise<MemberDetail>;
  onClose: () => void;
  onDone: (detail: MemberDetail) => void;
  onValuesChange?: (changed: Partial<V>, form: FormInstance<V>) => void;
  children: ReactNode;
}) {
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ApiError; unplaced: ApiErrorDetail[] } | null>(null);

  // Kept mounted and reset on each opening; see MemberFormDrawer for why not destroy-on-close.
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRefusal(null);
  }, [open, form]);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setRefusal(null);
    try {
      onDone(await run(values));
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({ error, unplaced: applyFieldErrors(form, error, labelToField) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      forceRender
    >
      {refusal ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={refusal.error.message}
          description={refusal.unplaced.length > 0 ? <ErrorDetailsList details={refusal.unplaced} /> : undefined}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed) => onValuesChange?.(changed, form)}
      >
        {children}
      </Form>
    </Modal>
  );
}

const datePicker = <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="年-月-日" />;

export function StatusChangeModal({
  member,
  open,
  onClose,
  onDone,
}: {
  member: MemberDetail;
  open: boolean;
  onClose: () => void;
  onDone: (detail: MemberDetail) => void;
}) {
  const { units } = useLedger();
  const branchOptions = branchesOf(units).map((branch) => ({ value: branch.id, label: branch.name }));
  return (
    <ActionModal<{ status: MemberStatus; date: Dayjs; branchId: number; reason?: string }>
      open={open}
      title={`变更状态：${member.name}`}
      okText="确认变更"
      labelToField={{ 状态: 'status', 变更日期: 'date', 党支部: 'branchId', 所在党支部: 'branchId', 原因: 'reason' }}
      initialValues={{ date: dayjs(), branchId: member.branchId }}
      run={(values) =>
        call('member.changeStatus', {
          memberId: member.id,
          status: values.status,
          date: toIsoDate(values.date) ?? '',
          branchId: ON_ROLL_STATUSES.includes(values.status) ? values.branchId : undefined,
          reason: values.reason?.trim() || undefined,
        })
      }
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="status" label="新状态" rules={[{ required: true, message: '请选择新状态' }]}>
        <Select
          options={MEMBER_STATUSES.filter((status) => status !== member.status).map((status) => ({
            value: status,
            label: status,
          }))}
        />
      </Form.Item>
      <Form.Item name="date" label="变更日期" rules={[{ required: true, message: '请选择变更日期' }]}>
        {datePicker}
      </Form.Item>
      <Form.Item noStyle dependencies={['status']}>
        {({ getFieldValue }) =>
          ON_ROLL_STATUSES.includes(getFieldValue('status')) ? (
            <Form.Item name="branchId" label="所在党支部" extra="转入或借调到本台账的其他党支部时改选">
              <Select options={branchOptions} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.Item name="reason" label="原因">
        <Input.TextArea rows={2} maxLength={200} placeholder="如：工作调动，组织关系转至某某党支部" />
      </Form.Item>
    </ActionModal>
  );
}

export function AssignPostModal({
  member,
  open,
  onClose,
  onDone,
}: {
  member: MemberDetail;
  open: boolean;
  onClose: () => void;
  onDone: (detail: MemberDetail) => void;
}) {
  const { units } = useLedger();
  const branch = units.find((unit) => unit.id === member.branchId);
  const groups = groupsOf(units, member.branchId);
  const unitOptions = (post: PartyPost | undefined): OrgUnit[] =>
    post === '党小组长' ? groups : branch ? [branch] : [];
  return (
    <ActionModal<{ post: PartyPost; unitId: number; fromDate: Dayjs }>
      open={open}
      title={`任职：${member.name}`}
      okText="确认任职"
      labelToField={{ 职务: 'post', 任职组织: 'unitId', 任职日期: 'fromDate' }}
      initialValues={{ fromDate: dayjs(), unitId: member.branchId }}
      run={(values) =>
        call('member.assignPost', {
          memberId: member.id,
          post: values.post,
          unitId: values.unitId,
          fromDate: toIsoDate(values.fromDate) ?? '',
        })
      }
      onClose={onClose}
      onDone={onDone}
      onValuesChange={(changed, form) => {
        // 党小组长 serve in a 党小组, every other post in the 党支部.
        if (changed.post) form.setFieldValue('unitId', unitOptions(changed.post)[0]?.id);
      }}
    >
      <Form.Item name="post" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
        <Select options={PARTY_POSTS.map((post) => ({ value: post, label: post }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['post']}>
        {({ getFieldValue }) => {
          const options = unitOptions(getFieldValue('post'));
          return (
            <Form.Item name="unitId" label="任职组织" rules={[{ required: true, message: '请选择任职组织' }]}>
              <Select
                options={options.map((unit) => ({ value: unit.id, label: unit.name }))}
                placeholder={options.length === 0 ? '本支部未设党小组' : undefined}
              />
            </Form.Item>
          );
        }}
      </Form.Item>
      <Form.Item name="fromDate" label="任职日期" rules={[{ required: true, message: '请选择任职日期' }]}>
        {datePicker}
      </Form.Item>
    </ActionModal>
  );
}

export function EndPostModal({
  member,
  postId,
  onClose,
  onDone,
}: {
  member: MemberDetail;
  postId: number | null;
  onClose: () => void;
  onDone: (detail: MemberDetail) => void;
}) {
  const post = member.postHistory.find((entry) => entry.id === postId);
  return (
    <ActionModal<{ toDate: Dayjs }>
      open={postId !== null}
      title={post ? `免职：${member.name}（${post.unitName}${post.post}）` : '免职'}
      okText="确认免职"
      labelToField={{ 免职日期: 'toDate' }}
      initialValues={{ toDate: dayjs() }}
      run={(values) => call('member.endPost', { postId: postId ?? 0, toDate: toIsoDate(values.toDate) ?? '' })}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="toDate" label="免职日期" rules={[{ required: true, message: '请选择免职日期' }]}>
        {datePicker}
      </Form.Item>
    </ActionModal>
  );
}
