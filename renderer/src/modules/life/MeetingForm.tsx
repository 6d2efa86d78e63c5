import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  TimePicker,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import type { MeetingDetail, OrgUnit, RecordTemplate } from '../../../../electron/api/index.ts';
import { type ApiError, type ApiErrorDetail, call, toApiError } from '../../api/client.ts';
import { MEETING_KINDS, type MeetingKind, SCOPE_LABELS } from '../../api/lifeConstants.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';
import { AttendanceBlock } from './AttendanceBlock.tsx';
import { ExtraFields } from './ExtraFields.tsx';
import { DecisionsBlock, RectificationsBlock } from './FollowUpBlocks.tsx';
import {
  type AttendanceState,
  type BlockErrors,
  type Grades,
  type MeetingFormValues,
  placeRefusal,
  toSaveInput,
} from './meetingForm.ts';
import { AppraisalBlock, VoteBlock } from './OutcomeBlocks.tsx';
import { applyRollCall, RollCallModal } from './RollCallModal.tsx';

const NO_INPUT = {};
const notFuture = (current: dayjs.Dayjs) => current.isAfter(dayjs(), 'day');

export interface MeetingFormInitial {
  values: MeetingFormValues;
  attendance: AttendanceState;
  grades: Grades;
}

export function MeetingForm({
  branchId,
  groups,
  templates,
  editingId,
  initial,
  notice,
  heading,
  onSaved,
  onCancel,
}: {
  heading: ReactNode;
  branchId: number;
  groups: OrgUnit[];
  templates: Map<MeetingKind, RecordTemplate>;
  editingId: number | null;
  initial: MeetingFormInitial;
  notice: string | null;
  onSaved: (saved: MeetingDetail) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<MeetingFormValues>();
  const [attendance, setAttendance] = useState(initial.attendance);
  const [grades, setGrades] = useState(initial.grades);
  const [blockErrors, setBlockErrors] = useState<BlockErrors>({});
  const [refusal, setRefusal] = useState<{ error: ApiError; unplaced: ApiErrorDetail[] } | null>(null);
  const [rollCallOpen, setRollCallOpen] = useState(false);
  const [saving, setSaving] = useState(false);

  const kind = (Form.useWatch('kind', form) ?? initial.values.kind) as MeetingKind;
  const heldOn = Form.useWatch('heldOn', form);
  const groupId = Form.useWatch('groupId', form) as number | undefined;
  const template = templates.get(kind);
  const scope = template?.attendanceScope ?? 'branch';
  const date = toIsoDate(heldOn);
  const needsGroup = scope === 'group' && !groupId;

  const expectedQuery = useQuery(
    'life.rosterOn',
    date && !needsGroup ? { branchId, date, scope, groupId: scope === 'group' ? groupId : undefined } : null,
  );
  const branchQuery = useQuery('life.rosterOn', date ? { branchId, date, scope: 'branch' } : null);
  const rules = useQuery('rules.list', template?.blocks.appraisal ? NO_INPUT : null);
  const expected = date && !needsGroup ? (expectedQuery.data ?? []) : [];
  const branchRoster = date ? (branchQuery.data ?? []) : [];
  const denominator = rules.data?.find((rule) => rule.key === 'life.appraisal.excellentDenominator')?.value ?? 3;
  const names = useMemo(() => branchRoster.map((person) => ({ value: person.name })), [branchRoster]);

  if (!template) return <Alert type="error" showIcon title={`模板包中没有“${kind}”的记录模板。`} />;
  const { blocks } = template;

  const submit = async () => {
    setRefusal(null);
    setBlockErrors({});
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const values = form.getFieldsValue(true) as MeetingFormValues;
      const input = toSaveInput({ id: editingId, branchId, template, values, expected, attendance, grades });
      onSaved(await call('life.save', input));
    } catch (caught) {
      const error = toApiError(caught);
      const placed = placeRefusal(error, template);
      form.setFields(placed.fields);
      setBlockErrors(placed.blocks);
      setRefusal({ error, unplaced: placed.unplaced });
      const first = placed.fields[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      else document.querySelector('.block-error, .form-refusal')?.scrollIntoView({ block: 'center' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<MeetingFormValues>
      form={form}
      layout="vertical"
      initialValues={initial.values}
      className="meeting-form"
      onValuesChange={(changed: Partial<MeetingFormValues>) => {
        if (changed.kind) {
          form.setFieldValue('extra', {});
          form.setFieldValue(
            'alsoCountsAs',
            (form.getFieldValue('alsoCountsAs') as MeetingKind[]).filter((k) => k !== changed.kind),
          );
        }
      }}
    >
      <div className="page-heading">
        {heading}
        <Space>
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            保存记录
          </Button>
        </Space>
      </div>
      {notice ? <Alert type="info" showIcon title={notice} style={{ marginBottom: 12 }} /> : null}
      {refusal ? (
        <Alert
          type="error"
          showIcon
          className="form-refusal"
          style={{ marginBottom: 12 }}
          title={refusal.error.message}
          description={refusal.unplaced.length > 0 ? <ErrorDetailsList details={refusal.unplaced} /> : undefined}
        />
      ) : null}
      <Card size="small" title={`会议信息 · ${template.name}`} className="form-card">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label="会议类型" rules={[{ required: true }]}>
              <Select options={MEETING_KINDS.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="alsoCountsAs"
              label="同时计为（套会）"
              extra="一次会议同时作为其他类型召开时选择，如党员大会与主题党日合并召开"
            >
              <Select
                mode="multiple"
                allowClear
                maxCount={3}
                placeholder="不合并召开则不选"
                options={MEETING_KINDS.filter((k) => k !== kind).map((k) => ({ value: k, label: k }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="title"
              label="会议主题"
              rules={[{ required: true, whitespace: true, message: '请填写会议主题' }]}
            >
              <Input maxLength={120} placeholder={`如：3月${kind}：写明本次的主题`} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
              <DatePicker
                format={DATE_FORMAT}
                disabledDate={notFuture}
                style={{ width: '100%' }}
                placeholder="年-月-日"
              />
            </Form.Item>
          </Col>
          <Col xs={6} md={3}>
            <Form.Item name="startTime" label="开始时间">
              <TimePicker
                format="HH:mm"
                minuteStep={5}
                needConfirm={false}
                style={{ width: '100%' }}
                placeholder="时:分"
              />
            </Form.Item>
          </Col>
          <Col xs={6} md={3}>
            <Form.Item name="endTime" label="结束时间">
              <TimePicker
                format="HH:mm"
                minuteStep={5}
                needConfirm={false}
                style={{ width: '100%' }}
                placeholder="时:分"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="place" label="地点">
              <Input maxLength={80} placeholder="如：党员活动室；线上会议写明平台" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="host" label="主持人">
              <AutoComplete options={names} maxLength={40} filterOption placeholder="姓名" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="recorder" label="记录人">
              <AutoComplete options={names} maxLength={40} filterOption placeholder="姓名" />
            </Form.Item>
          </Col>
          {blocks.lecturer ? (
            <Col xs={12} md={6}>
              <Form.Item
                name="lecturer"
                label="授课人"
                rules={[{ required: true, whitespace: true, message: '请填写授课人' }]}
              >
                <AutoComplete options={names} maxLength={60} filterOption placeholder="姓名" />
              </Form.Item>
            </Col>
          ) : null}
          {blocks.studyHours ? (
            <Col xs={12} md={6}>
              <Form.Item
                name="studyHours"
                label="学时"
                rules={kind === '党课' ? [{ required: true, message: '请填写学时' }] : undefined}
                extra="计入出席党员的年度学习学时"
              >
                <InputNumber min={0} max={24} step={0.5} style={{ width: '100%' }} suffix="学时" />
              </Form.Item>
            </Col>
          ) : null}
          {scope === 'group' ? (
            <Col xs={12} md={6}>
              <Form.Item name="groupId" label="党小组" rules={[{ required: true, message: '请选择党小组' }]}>
                <Select
                  placeholder={groups.length === 0 ? '本支部未设党小组' : '请选择'}
                  disabled={groups.length === 0}
                  options={groups.map((group) => ({ value: group.id, label: group.name }))}
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Card>

      <Card size="small" title="议题与内容" className="form-card">
        <Form.List name="agenda">
          {(fields, { add, remove }) => (
            <div className="agenda-list">
              {fields.map((field, index) => (
                <Space.Compact key={field.key} block className="agenda-item">
                  <span className="agenda-no">议题{index + 1}</span>
                  <Form.Item name={field.name} noStyle>
                    <Input maxLength={200} aria-label={`议题 ${index + 1}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label="删除此议题" onClick={() => remove(field.name)} />
                </Space.Compact>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                添加议题
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="content" label="会议内容（发言摘要）" style={{ marginTop: 16 }}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} />
        </Form.Item>
        {template.fields.length > 0 ? (
          <Row gutter={16}>
            <ExtraFields template={template} />
          </Row>
        ) : null}
      </Card>

      <Card size="small" title={`出席情况（应到：${SCOPE_LABELS[scope]}）`} className="form-card">
        <AttendanceBlock
          scope={scope}
          date={date}
          needsGroup={needsGroup}
          expected={date && !needsGroup ? expectedQuery.data : undefined}
          loading={expectedQuery.loading}
          error={expectedQuery.error}
          onRetry={expectedQuery.reload}
          branchRoster={branchRoster}
          groups={groups}
          attendance={attendance}
          onChange={setAttendance}
          problems={blockErrors.attendance}
          onOpenRollCall={() => setRollCallOpen(true)}
        />
      </Card>

      {blocks.vote ? (
        <Card size="small" title="表决" className="form-card">
          <VoteBlock expected={expected} attendance={attendance} problems={blockErrors.vote} />
        </Card>
      ) : null}
      {blocks.decisions ? (
        <Card size="small" title="决议事项（未完成的列入督办）" className="form-card">
          <DecisionsBlock />
        </Card>
      ) : null}
      {blocks.rectifications ? (
        <Card size="small" title="整改清单" className="form-card">
          <RectificationsBlock />
        </Card>
      ) : null}
      {blocks.appraisal ? (
        <Card size="small" title="民主评议结果" className="form-card">
          {date ? (
            <AppraisalBlock
              people={expected}
              grades={grades}
              onChange={setGrades}
              denominator={denominator}
              problems={blockErrors.appraisal}
            />
          ) : (
            <Alert type="info" showIcon title="请先选择会议日期：参评党员按当日的花名册列出。" />
          )}
        </Card>
      ) : null}

      <div className="form-footer">
        <Space>
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            保存记录
          </Button>
        </Space>
      </div>
      {date ? (
        <RollCallModal
          open={rollCallOpen}
          branchId={branchId}
          date={date}
          expected={expected}
          branchRoster={branchRoster}
          onClose={() => setRollCallOpen(false)}
          onApply={(lines) => {
            setAttendance((current) => applyRollCall(current, lines, expected, branchRoster));
            setRollCallOpen(false);
          }}
        />
      ) : null}
    </Form>
  );
}
