import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Steps, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { ElectionDetail, ElectionStepDefinition } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../components/format.ts';
import { ExportWordButton } from '../assessment/ScoreSheetExportButton.tsx';
import { CandidatesCard, ScrutineersCard } from './CandidatesCard.tsx';
import { FinishCard } from './FinishCard.tsx';
import { TallyForm } from './TallyForm.tsx';
import { TallyReport } from './TallyReport.tsx';

interface StepValues {
  doneOn?: Dayjs;
  docNo?: string;
  note?: string;
}

function StepForm({
  election,
  stepNo,
  onChanged,
}: {
  election: ElectionDetail;
  stepNo: number;
  onChanged: (detail: ElectionDetail) => void;
}) {
  const [form] = Form.useForm<StepValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const step = election.steps.find((s) => s.no === stepNo);
  const missing = election.steps.find((s) => s.no < stepNo && s.doneOn === null);
  const previous = election.steps
    .filter((s) => s.no < stepNo && s.doneOn)
    .map((s) => s.doneOn ?? '')
    .sort()
    .at(-1);
  const finished = election.status === '已完成';

  useEffect(() => {
    form.setFieldsValue({ doneOn: fromIsoDate(step?.doneOn), docNo: step?.docNo ?? '', note: step?.note ?? '' });
    setRefusal(null);
  }, [step, form]);

  const submit = async (values: StepValues) => {
    setSaving(true);
    try {
      const detail = await call('election.recordStep', {
        electionId: election.id,
        stepNo,
        doneOn: toIsoDate(values.doneOn) ?? '',
        docNo: values.docNo?.trim() || undefined,
        note: values.note?.trim() || undefined,
      });
      setRefusal(null);
      onChanged(detail);
    } catch (caught) {
      setRefusal(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  if (missing && !step?.doneOn) {
    return <Alert type="info" showIcon title={`请先完成第 ${missing.no} 步“${missing.name}”，再登记本步。`} />;
  }
  return (
    <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} disabled={finished}>
      {refusal ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={refusal.message}
          description={refusal.details.length > 0 ? <ErrorDetailsList details={refusal.details} /> : undefined}
        />
      ) : null}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="doneOn"
            label="日期"
            rules={[{ required: true, message: '请选择日期' }]}
            extra={previous ? `不早于上一步 ${previous}` : undefined}
          >
            <DatePicker
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              placeholder="年-月-日"
              disabledDate={(date) => date.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="docNo" label="文号">
            <Input maxLength={60} placeholder="如：×支字〔2026〕3号" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      {finished ? null : (
        <Button type={step?.doneOn ? 'default' : 'primary'} loading={saving} onClick={() => form.submit()}>
          {step?.doneOn ? '更新本步' : `登记第 ${stepNo} 步`}
        </Button>
      )}
    </Form>
  );
}

/** One election as the ten steps of RULES.md §5.1, with the candidate list, the count and the 分工 where they belong. */
export function ElectionProcedure({
  election,
  definitions,
  onChanged,
}: {
  election: ElectionDetail;
  definitions: ElectionStepDefinition[];
  onChanged: (detail: ElectionDetail) => void;
}) {
  const firstOpen = election.steps.find((s) => s.doneOn === null)?.no ?? 10;
  const [selected, setSelected] = useState(firstOpen);
  const hasList = election.candidates.length >= election.minimumCandidates;
  const hasTally = election.tally !== null;
  // Follow the procedure: once the step on screen is recorded — with its candidate list (6) or its count (8) —
  // show the next open one.
  useEffect(() => {
    const done = (no: number) => election.steps.some((s) => s.no === no && s.doneOn !== null);
    const complete = (no: number) => done(no) && (no !== 6 || hasList) && (no !== 8 || hasTally);
    setSelected((current) => (complete(current) ? firstOpen : current));
  }, [firstOpen, hasList, hasTally, election.steps]);
  const definition = definitions.find((d) => d.no === selected);
  const step = election.steps.find((s) => s.no === selected);
  const present = election.documents.filter((d) => d.present).length;

  return (
    <>
      <Card
        size="small"
        className="el-procedure"
        title={`换届选举 · 应选 ${election.seats} 名委员${election.plannedOn ? ` · 计划 ${election.plannedOn}` : ''}`}
        extra={
          <>
            <ExportWordButton
              label="导出选举文书"
              size="small"
              tooltip="导出请示、选票（按姓氏笔画排列）、计票单和选举结果报告单，一个Word文件，每部分另起一页"
              run={() => call('export.electionDocx', { electionId: election.id })}
            />{' '}
            <Tag color={election.status === '已完成' ? 'success' : 'processing'}>{election.status}</Tag>
          </>
        }
      >
        <div className="el-procedure-body">
          <Steps
            className="el-steps"
            orientation="vertical"
            size="small"
            current={selected - 1}
            onChange={(index) => setSelected(index + 1)}
            items={election.steps.map((s) => ({
              key: s.no,
              title: s.name,
              status: s.doneOn ? 'finish' : s.no === firstOpen ? 'process' : 'wait',
              content: s.doneOn ? <span className="mono">{s.doneOn}</span> : <span className="muted">未登记</span>,
            }))}
          />
          <div className="el-step-panel" data-step={selected}>
            <h3 className="el-step-title">
              第 {selected} 步 {step?.name}
              {step?.doneOn ? <Tag color="success">已登记 {step.doneOn}</Tag> : null}
            </h3>
            {definition ? (
              <div className="el-rule">
                <p>{definition.rule}</p>
                <p>
                  <span className="muted">形成材料：</span>
                  {definition.documents.join('、')}
                </p>
              </div>
            ) : null}
            <StepForm election={election} stepNo={selected} onChanged={onChanged} />
            {selected === 6 ? <CandidatesCard election={election} onChanged={onChanged} /> : null}
            {selected === 8 ? (
              <>
                <ScrutineersCard election={election} onChanged={onChanged} />
                <TallyForm election={election} onChanged={onChanged} />
              </>
            ) : null}
          </div>
        </div>
      </Card>
      {election.tally ? <TallyReport election={election} /> : null}
      {election.tally ? <FinishCard election={election} onChanged={onChanged} /> : null}
      <Card size="small" title={`换届选举文书（已形成 ${present} / ${election.documents.length}）`} className="el-docs">
        <ul className="el-doc-list" aria-label="换届选举文书">
          {election.documents.map((doc) => (
            <li key={doc.item} className={doc.present ? 'el-doc-present' : 'el-doc-missing'}>
              {doc.present ? <CheckCircleFilled /> : <MinusCircleOutlined />}
              <span>{doc.item}</span>
              <span className="muted el-small">{doc.present ? '已形成' : '缺'}</span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
