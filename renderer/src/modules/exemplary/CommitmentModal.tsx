import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Commitment, CommitmentStatus, ExemplaryPost, MemberRow } from '../../../../electron/api/index.ts';
import { call, toApiError } from '../../api/client.ts';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { fromIsoDate, toIsoDate } from '../../components/format.ts';
import { COMMITMENT_STATUSES, type Refusal, RefusalAlert } from './shared.tsx';

const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

interface Values {
  memberId: number;
  postId?: number | null;
  text: string;
  madeOn: Dayjs;
  status: CommitmentStatus;
  fulfilment?: string;
  checkedOn?: Dayjs | null;
}

/** 登记承诺 / 核实践诺: what a member promised for the year, on which post, and how it was kept. */
export function CommitmentModal({
  open,
  branchId,
  year,
  members,
  posts,
  commitment,
  memberId,
  onClose,
  onSaved,
}: {
  open: boolean;
  branchId: number;
  year: number;
  members: MemberRow[];
  posts: ExemplaryPost[];
  commitment: Commitment | null;
  memberId: number | null;
  onClose: () => void;
  onSaved: (commitment: Commitment) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const chosen = Form.useWatch('memberId', form);
  const status = Form.useWatch('status', form);
  const ownPosts = posts.filter((p) => p.holderId === chosen);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRefusal(null);
    if (commitment)
      form.setFieldsValue({
        memberId: commitment.memberId,
        postId: commitment.postId,
        text: commitment.text,
        madeOn: fromIsoDate(commitment.madeOn),
        status: commitment.status,
        fulfilment: commitment.fulfilment ?? undefined,
        checkedOn: fromIsoDate(commitment.checkedOn) ?? null,
      });
    else {
      const start = dayjs(`${year}-01-01`);
      form.setFieldsValue({
        memberId: memberId ?? undefined,
        status: '践诺中',
        madeOn: start.isAfter(dayjs()) ? dayjs() : dayjs().year() === year ? dayjs() : start,
      });
    }
  }, [open]);

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setRefusal(null);
    try {
      const kept = values.status !== '践诺中';
      const saved = await call('exemplary.saveCommitment', {
        ...(commitment ? { id: commitment.id } : {}),
        branchId,
        memberId: values.memberId,
        ...(values.postId ? { postId: values.postId } : {}),
        year,
        text: values.text.trim(),
        madeOn: toIsoDate(values.madeOn) ?? '',
        status: values.status,
        fulfilment: values.fulfilment?.trim() || undefined,
        checkedOn: kept ? toIsoDate(values.checkedOn ?? null) : undefined,
      });
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({
        error,
        unplaced: applyFieldErrors(form, error, {
          党员: 'memberId',
          岗位: 'postId',
          承诺内容: 'text',
          承诺日期: 'madeOn',
          践诺情况: 'fulfilment',
          核实日期: 'checkedOn',
        }),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={commitment ? '修改承诺 / 核实践诺' : `登记${year}年承诺`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <RefusalAlert refusal={refusal} />
      <Form form={form} layout="vertical">
        <div className="ex-form-row">
          <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="输入姓名查找"
              options={members.map((m) => ({ value: m.id, label: m.name }))}
              onChange={() => form.setFieldValue('postId', null)}
            />
          </Form.Item>
          <Form.Item name="postId" label="所在岗位（可不选）">
            <Select
              allowClear
              placeholder={ownPosts.length ? '选择岗位' : '该党员没有岗位'}
              disabled={ownPosts.length === 0}
              options={ownPosts.map((p) => ({ value: p.id, label: `${p.kind}：${p.name}` }))}
            />
          </Form.Item>
        </div>
        <Form.Item
          name="text"
          label="承诺内容"
          rules={[{ required: true, whitespace: true, message: '请填写承诺内容' }]}
        >
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder="如：全年责任区零事故，隐患当周整改"
          />
        </Form.Item>
        <div className="ex-form-row">
          <Form.Item name="madeOn" label="承诺日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="status" label="践诺情况" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={COMMITMENT_STATUSES.map((s) => ({ value: s, label: s }))}
            />
          </Form.Item>
        </div>
        {status && status !== '践诺中' ? (
          <>
            <Form.Item
              name="fulfilment"
              label="践诺情况说明"
              rules={[{ required: true, whitespace: true, message: '请写明践诺情况' }]}
            >
              <Input.TextArea
                maxLength={500}
                autoSize={{ minRows: 2, maxRows: 4 }}
                placeholder="兑现了什么；未兑现的原因"
              />
            </Form.Item>
            <Form.Item name="checkedOn" label="核实日期" rules={[{ required: true, message: '请选择核实日期' }]}>
              <DatePicker style={{ width: 200 }} disabledDate={notFuture} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="fulfilment" label="进展（可不填）">
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
