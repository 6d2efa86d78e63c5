import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DevPersonDetail, DevStepDefinition } from '../../../../electron/api/index.ts';
import { type ApiError, call, type Input as MethodInput, toApiError } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';
import { isOverridable, stepTitle } from './devShared.ts';
import { StepDetailFields, type StepFormValues } from './StepDetailFields.tsx';

type RecordInput = MethodInput<'dev.recordStep'>;

function detailsOf(step: DevStepDefinition, v: StepFormValues): RecordInput['details'] {
  const kinds = step.details;
  const num = (value: number | null | undefined) => (value === null || value === undefined ? undefined : value);
  const details: RecordInput['details'] = {};
  if (kinds.includes('talker') && v.talker?.trim()) details.talker = v.talker.trim();
  if (kinds.includes('contacts') || kinds.includes('sponsors')) details.memberIds = v.memberIds ?? [];
  if (kinds.includes('training')) {
    details.trainingDays = num(v.trainingDays);
    details.trainingHours = num(v.trainingHours);
  }
  if (kinds.includes('vote')) {
    details.vote = {
      yes: v.yes ?? 0,
      no: v.no ?? 0,
      abstain: v.abstain ?? 0,
      writtenOpinions: v.writtenOpinions ?? 0,
      ...(v.voteSource === 'manual'
        ? { eligible: num(v.eligible), presentEligible: num(v.presentEligible) }
        : { meetingId: v.meetingId }),
    };
  }
  if (kinds.includes('outcome')) {
    details.outcome = v.outcome;
    if (v.outcome === '延长预备期') details.extensionMonths = num(v.extensionMonths);
  }
  return details;
}

/** The ledger's refusal repeats its first detail in the message: keep the headline short. */
function headline(error: ApiError): string {
  const first = error.details[0]?.message;
  if (first && error.message.endsWith(first)) return error.message.slice(0, -first.length).replace(/[：:]\s*$/, '');
  return error.message;
}

/** Records one step as a fact: the next required step, or another 考察 where the rules allow it. */
export function StepRecordForm({
  person,
  definitions,
  allowed,
  stepNo,
  onStepChange,
  onSaved,
}: {
  person: DevPersonDetail;
  definitions: DevStepDefinition[];
  allowed: number[];
  stepNo: number;
  onStepChange: (stepNo: number) => void;
  onSaved: (detail: DevPersonDetail, stepNo: number) => void;
}) {
  const [form] = Form.useForm<StepFormValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const step = definitions.find((d) => d.no === stepNo);
  const lastDate = person.steps
    .map((s) => s.doneOn)
    .sort()
    .at(-1);
  const deadline = person.deadlines.find((d) => d.stepNo === stepNo);
  const overridable = refusal?.details.some(isOverridable) ?? false;

  const initialValues = useMemo<StepFormValues>(() => {
    const contacts = person.steps.find((s) => s.stepNo === 5)?.details.memberIds;
    return {
      voteSource: 'meeting',
      writtenOpinions: 0,
      // 入党介绍人 are normally the 培养联系人 (细则第十四条).
      memberIds: step?.details.includes('sponsors') ? contacts : undefined,
    };
  }, [person.steps, step]);

  // A new step means a fresh form. The person's record may refresh again a moment later (the detail
  // and the board arrive separately, slowly on a busy PC): that must not wipe what the clerk has
  // already typed for the step on screen.
  const formFor = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new step or a newly saved person means a fresh form
  useEffect(() => {
    if (formFor.current === stepNo && form.isFieldsTouched()) return;
    formFor.current = stepNo;
    form.resetFields();
    setRefusal(null);
  }, [stepNo, person.steps.length, form]);

  // The refusal sits above the fields: bring it into view, the clerk is looking at the button.
  useEffect(() => {
    if (refusal) refusalRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [refusal]);

  if (!step) return null;

  const submit = async (values: StepFormValues) => {
    setSaving(true);
    try {
      const input: RecordInput = {
        personId: person.id,
        stepNo,
        doneOn: toIsoDate(values.doneOn) ?? '',
        decidedBy: values.decidedBy?.trim() || undefined,
        docNo: values.docNo?.trim() || undefined,
        note: values.note?.trim() || undefined,
        details: detailsOf(step, values),
        overrideReason: overridable ? values.overrideReason?.trim() || undefined : undefined,
      };
      const saved = await call('dev.recordStep', input);
      setRefusal(null);
      // Saved: the next entry (the next step, or the same step once more) starts from a clean form.
      formFor.current = null;
      form.resetFields();
      onSaved(saved, stepNo);
    } catch (caught) {
      setRefusal(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  const stepLabel = (no: number) => stepTitle(no, definitions.find((d) => d.no === no)?.name ?? '');

  return (
    <Card
      size="small"
      className="dev-form-card"
      title={`登记：${stepTitle(step.no, step.name)}`}
      extra={
        allowed.length > 1 ? (
          <Segmented
            size="small"
            value={stepNo}
            onChange={(value) => onStepChange(Number(value))}
            options={allowed.map((no) => ({
              value: no,
              label: no === person.nextStep?.no ? `第${no}步（下一步）` : `第${no}步（再次考察）`,
            }))}
          />
        ) : null
      }
    >
      <div className="dev-rule" style={{ maxWidth: 'none', marginBottom: 10 }}>
        <p>
          <span className="muted">办理：</span>
          {step.actor}
        </p>
        <p>
          <span className="muted">规定：</span>
          {step.rule}
          <span className="muted">（依据：{step.source}）</span>
        </p>
        <p>
          <span className="muted">形成材料：</span>
          {step.documents.join('、')}
        </p>
        {deadline ? <p className={deadline.overdue ? 'dev-overdue' : 'dev-remind'}>{deadline.label}</p> : null}
      </div>
      <div ref={refusalRef}>
        {refusal ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={headline(refusal)}
            description={refusal.details.length > 0 ? <ErrorDetailsList details={refusal.details} /> : undefined}
          />
        ) : null}
      </div>
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void submit(values)}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="doneOn"
              label="日期"
              rules={[{ required: true, message: '请选择日期' }]}
              extra={lastDate ? `不早于上一步 ${lastDate}` : undefined}
            >
              <DatePicker
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                placeholder="年-月-日"
                disabledDate={(date) => date.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="decidedBy" label="决定人">
              <Input maxLength={60} placeholder={step.actor.length <= 16 ? step.actor : '如：支委会'} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="docNo" label="文号">
              <Input maxLength={60} placeholder="如有" />
            </Form.Item>
          </Col>
        </Row>
        <StepDetailFields form={form} step={step} branchId={person.branchId} />
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        {overridable ? (
          <Form.Item
            name="overrideReason"
            label="书面理由"
            rules={[{ required: true, whitespace: true, message: '请写明书面理由，它将记入操作日志' }]}
            extra="本规定允许在特殊情况下说明理由后登记；理由随记录保存并记入操作日志。"
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        ) : null}
        <Space>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {overridable ? '附书面理由保存' : `登记${stepLabel(stepNo)}`}
          </Button>
          {refusal ? <Button onClick={() => setRefusal(null)}>清除提示</Button> : null}
        </Space>
      </Form>
    </Card>
  );
}
