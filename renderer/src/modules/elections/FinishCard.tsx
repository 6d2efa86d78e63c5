import { Alert, App, Button, Card, Col, DatePicker, Form, Popconfirm, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { ElectionDetail } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../components/format.ts';
import { COMMITTEE_POSTS, type CommitteePost } from './TermCard.tsx';

interface FinishValues {
  firstMeetingOn?: Dayjs;
  posts?: Record<string, CommitteePost | undefined>;
}

/**
 * 完成换届: the new 支委会's first meeting and its 分工 become the branch's committee (the old posts end
 * that day) and the term restarts from the election date. The election cannot be changed afterwards.
 */
export function FinishCard({
  election,
  onChanged,
}: {
  election: ElectionDetail;
  onChanged: (detail: ElectionDetail) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FinishValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const tally = election.tally;
  const members = (tally?.elected ?? []).filter((e) => e.memberId !== null);
  const step9 = election.steps.find((s) => s.no === 9)?.doneOn ?? null;
  const step10 = election.steps.find((s) => s.no === 10)?.doneOn ?? null;
  const blocked = !tally || tally.shortfall > 0 || tally.ties.length > 0;

  const initial = useMemo<FinishValues>(() => ({ firstMeetingOn: fromIsoDate(step9), posts: {} }), [step9]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new initial values (a saved election) mean a fresh form
  useEffect(() => {
    form.resetFields();
  }, [initial, form]);

  if (election.status === '已完成') {
    return (
      <Alert
        type="success"
        showIcon
        className="el-finished"
        title="本次换届已完成"
        description="新一届支委会的分工已记入党员花名册的党内职务，任期自选举之日起重新计算。"
      />
    );
  }

  const submit = async (values: FinishValues) => {
    setSaving(true);
    try {
      const posts = Object.entries(values.posts ?? {})
        .filter((entry): entry is [string, CommitteePost] => Boolean(entry[1]))
        .map(([memberId, post]) => ({ memberId: Number(memberId), post }));
      const detail = await call('election.finish', {
        electionId: election.id,
        firstMeetingOn: toIsoDate(values.firstMeetingOn) ?? '',
        posts,
      });
      setRefusal(null);
      message.success('换届已完成：新一届支委会分工已生效，任期重新计算');
      onChanged(detail);
    } catch (caught) {
      setRefusal(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="完成换届：新一届支委会分工" className="el-finish-card">
      {blocked ? (
        <Alert
          type="warning"
          showIcon
          title="当选人数不足或得票相等，须另行选举或再次投票并重新登记计票结果后，才能完成换届。"
        />
      ) : (
        <>
          {refusal ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={refusal.message}
              description={refusal.details.length > 0 ? <ErrorDetailsList details={refusal.details} /> : undefined}
            />
          ) : null}
          <p className="muted" style={{ marginTop: 0 }}>
            新一届支委会第一次会议选举书记、副书记并分工（书记须有且只有一名）。完成后原支委职务于该日结束，本次换届不能再修改。
          </p>
          <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item
                  name="firstMeetingOn"
                  label="第一次支委会日期"
                  rules={[{ required: true, message: '请选择第一次支委会的日期' }]}
                >
                  <DatePicker
                    format={DATE_FORMAT}
                    style={{ width: '100%' }}
                    placeholder="年-月-日"
                    disabledDate={(date) => date.isAfter(dayjs(), 'day')}
                  />
                </Form.Item>
              </Col>
              {members.map((m) => (
                <Col span={8} key={m.memberId}>
                  <Form.Item name={['posts', String(m.memberId)]} label={`${m.name} 的分工`}>
                    <Select
                      allowClear
                      aria-label={`${m.name}的分工`}
                      placeholder="选择职务"
                      options={COMMITTEE_POSTS.map((post) => ({ value: post, label: post }))}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            {step10 ? (
              <Button type="primary" loading={saving} onClick={() => form.submit()}>
                完成换届
              </Button>
            ) : (
              <Popconfirm
                title="第 10 步“报上级党委审批、备案”尚未登记"
                description="完成换届后不能再登记该步骤。仍要现在完成吗？"
                okText="仍要完成"
                cancelText="先去登记"
                onConfirm={() => form.submit()}
              >
                <Button type="primary" loading={saving}>
                  完成换届
                </Button>
              </Popconfirm>
            )}
          </Form>
        </>
      )}
    </Card>
  );
}
