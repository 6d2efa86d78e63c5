import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ExemplaryPost, ExemplaryScheme, MemberRow } from '../../../../electron/api/index.ts';
import { call, toApiError } from '../../api/client.ts';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { fromIsoDate, toIsoDate } from '../../components/format.ts';
import { type Refusal, RefusalAlert } from './shared.tsx';

const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

interface PostValues {
  kind: string;
  name: string;
  scope?: string;
  duty?: string;
  holderId: number;
  fromDate: Dayjs;
  toDate?: Dayjs | null;
}

/** 设立岗位 / 修改: kind, name, 责任区范围 where the kind has one, the holder and the dates. */
export function PostModal({
  open,
  branchId,
  scheme,
  members,
  post,
  onClose,
  onSaved,
}: {
  open: boolean;
  branchId: number;
  scheme: ExemplaryScheme | undefined;
  members: MemberRow[];
  post: ExemplaryPost | null;
  onClose: () => void;
  onSaved: (post: ExemplaryPost) => void;
}) {
  const [form] = Form.useForm<PostValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const kind = Form.useWatch('kind', form);
  const kindInfo = scheme?.postKinds.find((k) => k.kind === kind);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRefusal(null);
    if (post)
      form.setFieldsValue({
        kind: post.kind,
        name: post.name,
        scope: post.scope ?? undefined,
        duty: post.duty ?? undefined,
        holderId: post.holderId,
        fromDate: fromIsoDate(post.fromDate),
        toDate: fromIsoDate(post.toDate) ?? null,
      });
    else form.setFieldsValue({ kind: scheme?.postKinds[0]?.kind, fromDate: dayjs() });
  }, [open]);

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setRefusal(null);
    try {
      const saved = await call('exemplary.savePost', {
        ...(post ? { id: post.id } : {}),
        branchId,
        kind: values.kind,
        name: values.name.trim(),
        scope: values.scope?.trim() || undefined,
        duty: values.duty?.trim() || undefined,
        holderId: values.holderId,
        fromDate: toIsoDate(values.fromDate) ?? '',
        toDate: toIsoDate(values.toDate ?? null),
      });
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({
        error,
        unplaced: applyFieldErrors(form, error, {
          类别: 'kind',
          岗位名称: 'name',
          [kindInfo?.scopeLabel ?? '责任区范围']: 'scope',
          岗位职责: 'duty',
          岗位党员: 'holderId',
          设岗日期: 'fromDate',
          结束日期: 'toDate',
        }),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={post ? '修改岗位' : '设立岗位'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <RefusalAlert refusal={refusal} />
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]} extra={kindInfo?.hint}>
          <Select options={(scheme?.postKinds ?? []).map((k) => ({ value: k.kind, label: k.kind }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label="岗位名称"
          rules={[{ required: true, whitespace: true, message: '请填写岗位名称' }]}
        >
          <Input maxLength={60} placeholder="如：安全生产责任区、技术攻关示范岗" />
        </Form.Item>
        {kindInfo?.scopeLabel ? (
          <Form.Item
            name="scope"
            label={kindInfo.scopeLabel}
            rules={[{ required: true, whitespace: true, message: `请写明${kindInfo.scopeLabel}` }]}
          >
            <Input maxLength={200} placeholder="如：一号车间 3 条生产线、幸福小区 2 号楼" />
          </Form.Item>
        ) : null}
        <Form.Item name="duty" label="岗位职责">
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder="设岗定责：写明这个岗位做什么"
          />
        </Form.Item>
        <div className="ex-form-row">
          <Form.Item name="holderId" label="岗位党员" rules={[{ required: true, message: '请选择党员' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="输入姓名查找"
              options={members.map((m) => ({ value: m.id, label: m.name }))}
            />
          </Form.Item>
          <Form.Item name="fromDate" label="设岗日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          {post ? (
            <Form.Item name="toDate" label="结束日期">
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          ) : null}
        </div>
      </Form>
    </Modal>
  );
}

/** 撤岗: the post stays on record with the day it ended. */
export function EndPostModal({
  post,
  onClose,
  onSaved,
}: {
  post: ExemplaryPost | null;
  onClose: () => void;
  onSaved: (post: ExemplaryPost) => void;
}) {
  const [date, setDate] = useState<Dayjs | null>(dayjs());
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);

  useEffect(() => {
    if (post) {
      setDate(dayjs());
      setRefusal(null);
    }
  }, [post]);

  const save = async () => {
    if (!post || !date) return;
    setSaving(true);
    try {
      onSaved(await call('exemplary.endPost', { id: post.id, toDate: toIsoDate(date) ?? '' }));
    } catch (caught) {
      setRefusal({ error: toApiError(caught), unplaced: toApiError(caught).details });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={post !== null}
      title={post ? `撤岗：${post.name}` : '撤岗'}
      okText="撤岗"
      cancelText="取消"
      okButtonProps={{ disabled: !date }}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <RefusalAlert refusal={refusal} />
      <p>撤岗后岗位记录和承诺仍保留在台账中，只是不再计为在岗。</p>
      <Form layout="vertical">
        <Form.Item label="撤岗日期" required>
          <DatePicker value={date} onChange={setDate} disabledDate={notFuture} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
