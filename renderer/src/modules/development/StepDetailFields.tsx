import { AutoComplete, Col, Form, type FormInstance, InputNumber, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { DevStepDefinition } from '../../../../electron/api/index.ts';
import { useQuery } from '../../api/useQuery.ts';
import { toIsoDate } from '../../components/format.ts';

export interface StepFormValues {
  doneOn?: Dayjs;
  decidedBy?: string;
  docNo?: string;
  note?: string;
  talker?: string;
  memberIds?: number[];
  trainingDays?: number | null;
  trainingHours?: number | null;
  voteSource?: 'meeting' | 'manual';
  meetingId?: number;
  eligible?: number | null;
  presentEligible?: number | null;
  yes?: number | null;
  no?: number | null;
  abstain?: number | null;
  writtenOpinions?: number | null;
  outcome?: '按期转正' | '延长预备期' | '取消预备党员资格';
  extensionMonths?: number | null;
  overrideReason?: string;
}

const count = (label: string, name: keyof StepFormValues, required = true) => (
  <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请填写${label}` }] : undefined}>
    <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} aria-label={label} />
  </Form.Item>
);

/** The 支部党员大会 records around the step's date: choosing one takes the eligible roll and those present from its attendance. */
function MeetingSelect({
  form,
  branchId,
  date,
}: {
  form: FormInstance<StepFormValues>;
  branchId: number;
  date: Dayjs;
}) {
  const year = date.year();
  const thisYear = useQuery('life.list', { branchId, year, kind: '党员大会' });
  const lastYear = useQuery('life.list', { branchId, year: year - 1, kind: '党员大会' });
  const meetings = [...(thisYear.data ?? []), ...(lastYear.data ?? [])].sort(
    (a, b) => Math.abs(dayjs(a.heldOn).diff(date, 'day')) - Math.abs(dayjs(b.heldOn).diff(date, 'day')),
  );
  return (
    <Form.Item
      name="meetingId"
      label="支部党员大会记录"
      rules={[{ required: true, message: '请选择该次支部党员大会的记录' }]}
      extra="应到、实到有表决权的正式党员人数取自该次会议的签到（预备党员到会不计入）；步骤日期随会议日期。"
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        loading={thisYear.loading || lastYear.loading}
        placeholder={meetings.length === 0 ? '这一年还没有支部党员大会记录，可改为手工填写人数' : '选择会议'}
        notFoundContent="没有支部党员大会记录"
        options={meetings.map((m) => ({
          value: m.id,
          label: `${m.heldOn} ${m.title}（应到 ${m.expected} 人，实到 ${m.present} 人）`,
        }))}
        onChange={(id: number) => {
          const meeting = meetings.find((m) => m.id === id);
          if (meeting) form.setFieldValue('doneOn', dayjs(meeting.heldOn));
        }}
      />
    </Form.Item>
  );
}

/** The facts a step records besides its date: 谈话人, 培养联系人/入党介绍人, 培训, the 支部大会 vote, the 转正 outcome. */
export function StepDetailFields({
  form,
  step,
  branchId,
}: {
  form: FormInstance<StepFormValues>;
  step: DevStepDefinition;
  branchId: number;
}) {
  const doneOn = Form.useWatch('doneOn', form);
  const voteSource = Form.useWatch('voteSource', form);
  const outcome = Form.useWatch('outcome', form);
  const kinds = step.details;
  const picksMembers = kinds.includes('contacts') || kinds.includes('sponsors');
  const asOf = toIsoDate(doneOn) ?? toIsoDate(dayjs());
  const members = useQuery(
    'member.list',
    picksMembers || kinds.includes('talker') ? { branchId, asOf, membership: '正式党员' } : null,
  );
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));

  return (
    <>
      {kinds.includes('talker') ? (
        <Form.Item name="talker" label="谈话人">
          <AutoComplete
            maxLength={40}
            placeholder="选择或输入谈话人姓名（上级党委派人的，直接输入）"
            options={(members.data ?? []).map((m) => ({ value: m.name }))}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
          />
        </Form.Item>
      ) : null}
      {picksMembers ? (
        <Form.Item
          name="memberIds"
          label={kinds.includes('contacts') ? '培养联系人（1至2名正式党员）' : '入党介绍人（2名正式党员）'}
          rules={[{ required: true, message: '请选择' }]}
          extra={`名单为 ${asOf} 在册的正式党员；预备党员和未恢复党员权利的党员不能担任。`}
        >
          <Select
            mode="multiple"
            maxCount={2}
            loading={members.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={memberOptions}
            placeholder="选择党员"
          />
        </Form.Item>
      ) : null}
      {kinds.includes('training') ? (
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="trainingDays" label="培训天数" extra="不少于 3 天，或学时不少于 24">
              <InputNumber min={0} max={60} style={{ width: '100%' }} suffix="天" aria-label="培训天数" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="trainingHours" label="培训学时">
              <InputNumber min={0} max={500} style={{ width: '100%' }} suffix="学时" aria-label="培训学时" />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      {kinds.includes('vote') ? (
        <div className="dev-vote">
          <Form.Item name="voteSource" label="表决人数">
            <Radio.Group
              options={[
                { value: 'meeting', label: '取自支部党员大会记录' },
                { value: 'manual', label: '手工填写应到、实到人数' },
              ]}
            />
          </Form.Item>
          {voteSource === 'manual' ? (
            <Row gutter={16}>
              <Col span={8}>{count('应到会有表决权人数', 'eligible')}</Col>
              <Col span={8}>{count('实到会有表决权人数', 'presentEligible')}</Col>
            </Row>
          ) : (
            <MeetingSelect form={form} branchId={branchId} date={doneOn ?? dayjs()} />
          )}
          <Row gutter={16}>
            <Col span={6}>{count('赞成', 'yes')}</Col>
            <Col span={6}>{count('反对', 'no')}</Col>
            <Col span={6}>{count('弃权', 'abstain')}</Col>
            <Col span={6}>{count('书面意见', 'writtenOpinions', false)}</Col>
          </Row>
        </div>
      ) : null}
      {kinds.includes('outcome') ? (
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="outcome" label="支部大会结论" rules={[{ required: true, message: '请选择结论' }]}>
              <Radio.Group
                options={[
                  { value: '按期转正', label: '按期转正' },
                  { value: '延长预备期', label: '延长预备期' },
                  { value: '取消预备党员资格', label: '取消预备党员资格' },
                ]}
              />
            </Form.Item>
          </Col>
          {outcome === '延长预备期' ? (
            <Col span={8}>
              <Form.Item
                name="extensionMonths"
                label="延长月数"
                extra="不少于半年，不超过一年；只能延长一次"
                rules={[{ required: true, message: '请填写延长的月数' }]}
              >
                <InputNumber
                  min={1}
                  max={24}
                  precision={0}
                  suffix="个月"
                  style={{ width: '100%' }}
                  aria-label="延长月数"
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      ) : null}
    </>
  );
}
