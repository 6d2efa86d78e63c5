import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ProjectList, SecretaryProject } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { fromIsoDate, toIsoDate } from '../../components/format.ts';

type Kind = ProjectList['kind'];
type Refusal = { error: ApiError; unplaced: ApiErrorDetail[] } | null;

/** Which list an item closes: a 整改 closes a 问题, a 成果 closes a 目标. */
export const CLOSES: Partial<Record<Kind, Kind>> = { 整改: '问题', 成果: '目标' };

const TEXT_LABELS: Record<Kind, string> = {
  目标: '目标（可衡量）',
  问题: '问题及发现途径',
  整改: '整改措施',
  成果: '取得的成果',
};
const DONE_LABELS: Partial<Record<Kind, string>> = { 整改: '销号日期', 成果: '取得日期' };
const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

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

interface ProjectValues {
  title: string;
  background?: string;
}

/** 新建 / 修改 a 书记项目: its name and the background (the problem it sets out to solve). */
export function ProjectModal({
  open,
  branchId,
  year,
  project,
  onClose,
  onSaved,
}: {
  open: boolean;
  branchId: number;
  year: number;
  project: SecretaryProject | null;
  onClose: () => void;
  onSaved: (project: SecretaryProject) => void;
}) {
  const [form] = Form.useForm<ProjectValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ title: project?.title ?? '', background: project?.background ?? undefined });
    setRefusal(null);
  }, [open]);

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setRefusal(null);
    try {
      const saved = await call('project.save', {
        ...(project ? { id: project.id } : {}),
        branchId,
        year,
        title: values.title.trim(),
        background: values.background?.trim() || undefined,
      });
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({ error, unplaced: applyFieldErrors(form, error, { 项目名称: 'title', 实施背景: 'background' }) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={project ? '修改书记项目' : `新建${year}年书记项目`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <RefusalAlert refusal={refusal} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="title"
          label="项目名称"
          rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}
        >
          <Input maxLength={120} placeholder="如：“党建+业务”融合书记项目" />
        </Form.Item>
        <Form.Item name="background" label="实施背景与拟破解的问题">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ItemValues {
  text: string;
  linkedTo?: number;
  owner?: string;
  dueDate?: Dayjs;
  doneOn?: Dayjs;
  evidence?: string;
}

export interface ItemTarget {
  kind: Kind;
  /** The item being edited; null to add one. */
  item: ProjectList | null;
  /** For a new 整改 or 成果: the 问题 or 目标 it closes. */
  linkedTo?: number;
}

/** Add or edit one entry of the four lists; a 整改 names its 问题, a 成果 its 目标 and its evidence. */
export function ProjectItemModal({
  project,
  target,
  onClose,
  onSaved,
}: {
  project: SecretaryProject;
  target: ItemTarget | null;
  onClose: () => void;
  onSaved: (project: SecretaryProject) => void;
}) {
  const [form] = Form.useForm<ItemValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const kind = target?.kind ?? '目标';
  const closes = CLOSES[kind];
  const doneLabel = DONE_LABELS[kind];
  const doneOn = Form.useWatch('doneOn', form);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!target) return;
    const item = target.item;
    form.resetFields();
    form.setFieldsValue({
      text: item?.text ?? '',
      linkedTo: item?.linkedTo ?? target.linkedTo,
      owner: item?.owner ?? undefined,
      dueDate: fromIsoDate(item?.dueDate),
      doneOn: fromIsoDate(item?.doneOn),
      evidence: item?.evidence ?? undefined,
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
      const saved = await call('project.saveItem', {
        ...(target.item ? { id: target.item.id } : {}),
        projectId: project.id,
        kind,
        text: values.text.trim(),
        owner: values.owner?.trim() || undefined,
        dueDate: toIsoDate(values.dueDate),
        doneOn: doneLabel ? toIsoDate(values.doneOn) : (target.item?.doneOn ?? undefined),
        linkedTo: closes ? values.linkedTo : undefined,
        evidence: values.evidence?.trim() || undefined,
      });
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({
        error,
        unplaced: applyFieldErrors(form, error, {
          内容: 'text',
          [`对应${closes ?? ''}`]: 'linkedTo',
          责任人: 'owner',
          完成时限: 'dueDate',
          完成日期: 'doneOn',
          佐证: 'evidence',
        }),
      });
    } finally {
      setSaving(false);
    }
  };

  const options = closes
    ? project.items.filter((i) => i.kind === closes).map((i) => ({ value: i.id, label: i.text }))
    : [];

  return (
    <Modal
      open={target !== null}
      title={`${target?.item ? '修改' : '添加'}${kind}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <RefusalAlert refusal={refusal} />
      <Form form={form} layout="vertical">
        {closes ? (
          <Form.Item
            name="linkedTo"
            label={`对应${closes}`}
            rules={[{ required: true, message: `每条${kind}须对应一条${closes}` }]}
          >
            <Select options={options} placeholder={`选择本项${kind}销号的${closes}`} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="text"
          label={TEXT_LABELS[kind]}
          rules={[{ required: true, whitespace: true, message: '请填写内容' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <div className="pj-form-row">
          <Form.Item name="owner" label="责任人">
            <Input maxLength={40} placeholder="姓名或职务" />
          </Form.Item>
          <Form.Item name="dueDate" label="完成时限">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          {doneLabel ? (
            <Form.Item name="doneOn" label={doneLabel}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          ) : null}
        </div>
        {kind === '整改' || kind === '成果' ? (
          <Form.Item
            name="evidence"
            label="佐证材料"
            extra={kind === '成果' ? '成果须附佐证材料，才能销号对应的目标' : undefined}
            rules={
              kind === '成果' && doneOn
                ? [{ required: true, whitespace: true, message: '已取得的成果须写明佐证材料' }]
                : []
            }
          >
            <Input maxLength={500} placeholder="如：年度工作总结、表彰文件、会议记录" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
