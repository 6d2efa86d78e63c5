import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ElectionDetail } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../components/format.ts';

interface TallyValues {
  heldOn?: Dayjs;
  excluded?: Array<{ memberId?: number; reason?: string; approvalRef?: string }>;
  present?: number | null;
  ballotsIssued?: number | null;
  ballotsReturned?: number | null;
  invalidBallots?: number | null;
  yes?: Record<string, number | null>;
  writeIns?: Array<{ name?: string; yes?: number | null }>;
}

/** RULES.md §5.2: who may, with the upper level's consent and a 党员大会 resolution, be left out of 应到会. */
const EXCLUSION_REASONS = [
  '患有精神病或其他疾病导致不能表达本人意志',
  '自费出国半年以上',
  '虽受留党察看以上处分但正在服刑',
  '年老体弱卧床不起、生活不能自理',
  '工作调动、下派锻炼、外出学习半年以上，按规定应转走组织关系而没有转走',
];

const number = (label: string, name: keyof TallyValues) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
    <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} aria-label={label} />
  </Form.Item>
);

/** The 计票单 as typed in after the count; the ledger computes validity, the threshold and who is elected. */
export function TallyForm({
  election,
  onChanged,
}: {
  election: ElectionDetail;
  onChanged: (detail: ElectionDetail) => void;
}) {
  const [form] = Form.useForm<TallyValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const heldOn = Form.useWatch('heldOn', form);
  const asOf = toIsoDate(heldOn) ?? toIsoDate(dayjs());
  const voters = useQuery('member.list', { branchId: election.branchId, asOf, membership: '正式党员' });
  const finished = election.status === '已完成';

  const initial = useMemo<TallyValues>(() => {
    const t = election.tally;
    const stepDate = election.steps.find((s) => s.no === 8)?.doneOn;
    const yesOf = (id: number) => t?.votes.find((v) => v.memberId === id)?.yes ?? null;
    return {
      heldOn: fromIsoDate(t?.heldOn ?? stepDate),
      excluded: t?.excluded.map((e) => ({ memberId: e.memberId, reason: e.reason, approvalRef: e.approvalRef })) ?? [],
      present: t?.present ?? null,
      ballotsIssued: t?.ballotsIssued ?? null,
      ballotsReturned: t?.ballotsReturned ?? null,
      invalidBallots: t?.invalidBallots ?? 0,
      yes: Object.fromEntries(election.candidates.map((c) => [String(c.memberId), yesOf(c.memberId)])),
      writeIns: t?.votes.filter((v) => v.memberId === null).map((v) => ({ name: v.name, yes: v.yes })) ?? [],
    };
  }, [election]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: new initial values (a saved election) mean a fresh form
  useEffect(() => {
    form.resetFields();
  }, [initial, form]);

  // The refusal sits above a long form: bring it into view.
  useEffect(() => {
    if (refusal) refusalRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [refusal]);

  if (election.candidates.length === 0) {
    return (
      <Alert type="info" showIcon title="请先在第 6 步确定正式候选人，再登记计票结果。" style={{ marginTop: 12 }} />
    );
  }

  const submit = async (v: TallyValues) => {
    setSaving(true);
    try {
      const detail = await call('election.tally', {
        electionId: election.id,
        heldOn: toIsoDate(v.heldOn) ?? '',
        excluded: (v.excluded ?? []).map((e) => ({
          memberId: e.memberId ?? 0,
          reason: e.reason?.trim() ?? '',
          approvalRef: e.approvalRef?.trim() ?? '',
        })),
        present: v.present ?? 0,
        ballotsIssued: v.ballotsIssued ?? 0,
        ballotsReturned: v.ballotsReturned ?? 0,
        invalidBallots: v.invalidBallots ?? 0,
        votes: [
          ...election.candidates.map((c) => ({
            memberId: c.memberId,
            name: c.name,
            yes: v.yes?.[String(c.memberId)] ?? 0,
          })),
          ...(v.writeIns ?? [])
            .filter((w) => w.name?.trim())
            .map((w) => ({ memberId: null, name: w.name?.trim() ?? '', yes: w.yes ?? 0 })),
        ],
      });
      setRefusal(null);
      onChanged(detail);
    } catch (caught) {
      setRefusal(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  const voterOptions = (voters.data ?? []).map((m) => ({ value: m.id, label: m.name }));

  return (
    <Card size="small" title="计票" className="el-sub-card">
      <div ref={refusalRef}>
        {refusal ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={refusal.message}
            description={refusal.details.length > 0 ? <ErrorDetailsList details={refusal.details} /> : undefined}
          />
        ) : null}
      </div>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} disabled={finished}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="heldOn" label="选举日期" rules={[{ required: true, message: '请选择选举日期' }]}>
              <DatePicker
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                placeholder="年-月-日"
                disabledDate={(date) => date.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <div className="el-voters muted" data-testid="voters-on-day">
              {voters.data ? `当日花名册上有选举权的正式党员 ${voters.data.length} 人（预备党员没有选举权）` : ''}
            </div>
          </Col>
        </Row>
        <div className="el-field-label">不计入应到会人员（须经上级党组织同意并经党员大会通过）</div>
        <Form.List name="excluded">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col span={6}>
                    <Form.Item name={[field.name, 'memberId']} rules={[{ required: true, message: '请选择党员' }]}>
                      <Select
                        placeholder="党员"
                        aria-label="不计入的党员"
                        showSearch={{ optionFilterProp: 'label' }}
                        options={voterOptions}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item
                      name={[field.name, 'reason']}
                      rules={[{ required: true, min: 2, message: '请写明原因' }]}
                    >
                      <AutoComplete
                        placeholder="原因"
                        aria-label="不计入的原因"
                        options={EXCLUSION_REASONS.map((r) => ({ value: r }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      name={[field.name, 'approvalRef']}
                      rules={[{ required: true, message: '请填写上级同意的文号' }]}
                    >
                      <Input placeholder="上级同意文号" aria-label="上级同意文号" maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label="删除此人"
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
                添加不计入人员
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col span={6}>{number('实到会人数', 'present')}</Col>
          <Col span={6}>{number('发出选票', 'ballotsIssued')}</Col>
          <Col span={6}>{number('收回选票', 'ballotsReturned')}</Col>
          <Col span={6}>{number('无效选票', 'invalidBallots')}</Col>
        </Row>
        <div className="el-field-label">候选人得票（赞成票）</div>
        <div className="el-votes">
          {election.candidates.map((c) => (
            <Form.Item
              key={c.memberId}
              name={['yes', String(c.memberId)]}
              label={`${c.order}. ${c.name}`}
              rules={[{ required: true, message: '请填写得票' }]}
            >
              <InputNumber min={0} max={100000} precision={0} suffix="票" aria-label={`${c.name}的赞成票`} />
            </Form.Item>
          ))}
        </div>
        <Form.List name="writeIns">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row gutter={8} key={field.key}>
                  <Col span={8}>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '请填写姓名' }]}>
                      <Input placeholder="另选他人姓名" aria-label={`另选他人 ${index + 1} 的姓名`} maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'yes']} rules={[{ required: true, message: '请填写得票' }]}>
                      <InputNumber min={0} precision={0} suffix="票" aria-label={`另选他人 ${index + 1} 的得票`} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label="删除"
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
                添加另选他人
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {election.tally ? '重新计算并保存计票结果' : '保存计票结果'}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
