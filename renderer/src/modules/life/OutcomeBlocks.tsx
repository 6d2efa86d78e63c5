import { Alert, Button, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Tag } from 'antd';
import type { RosterCandidate } from '../../../../electron/api/index.ts';
import { APPRAISAL_GRADES, type AppraisalGrade } from '../../api/lifeConstants.ts';
import type { AttendanceState, Grades } from './meetingForm.ts';

function BlockProblems({ title, problems }: { title: string; problems: string[] | undefined }) {
  if (!problems?.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="block-error"
      style={{ marginBottom: 12 }}
      title={title}
      description={
        <ul className="error-details">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      }
    />
  );
}

/** 表决: the ledger computes 应到/实到有表决权 from the attendance and judges quorum and pass (RULES.md §2.1). */
export function VoteBlock({
  expected,
  attendance,
  problems,
}: {
  expected: RosterCandidate[];
  attendance: AttendanceState;
  problems: string[] | undefined;
}) {
  const eligible = expected.filter((person) => person.membership === '正式党员');
  const presentEligible = eligible.filter((person) => attendance.marks[person.memberId]?.status === '出席').length;
  const count = (name: string, label: string) => (
    <Col xs={12} md={6}>
      <Form.Item name={['vote', name]} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} aria-label={label} />
      </Form.Item>
    </Col>
  );
  return (
    <div className="vote-block">
      <BlockProblems title="表决票数需要核对" problems={problems} />
      <Form.Item name="voteEnabled" valuePropName="checked" label="本次会议是否表决">
        <Switch checkedChildren="有表决" unCheckedChildren="无表决" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.voteEnabled !== b.voteEnabled}>
        {({ getFieldValue }) =>
          getFieldValue('voteEnabled') ? (
            <>
              <div className="vote-eligible">
                有表决权（正式党员）应到 <strong>{eligible.length}</strong> 人，按出席情况实到{' '}
                <strong>{presentEligible}</strong> 人{' '}
                <span className="muted">（保存后由台账核定法定人数和表决结果）</span>
              </div>
              <Row gutter={16}>
                <Col xs={24} md={16}>
                  <Form.Item
                    name={['vote', 'subject']}
                    label="表决事项"
                    rules={[{ required: true, whitespace: true, message: '请填写表决事项' }]}
                  >
                    <Input maxLength={200} placeholder="如：接收某某同志为中共预备党员" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={['vote', 'method']} label="表决方式">
                    <Radio.Group
                      options={[
                        { value: '举手', label: '举手' },
                        { value: '无记名投票', label: '无记名投票' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                {count('writtenOpinions', '书面意见人数')}
                {count('yes', '赞成')}
                {count('no', '反对')}
                {count('abstain', '弃权')}
              </Row>
            </>
          ) : null
        }
      </Form.Item>
    </div>
  );
}

/** 民主评议: a grade per member, with the 优秀 cap floor(N/3) shown as the clerk types. */
export function AppraisalBlock({
  people,
  grades,
  onChange,
  denominator,
  problems,
}: {
  people: RosterCandidate[];
  grades: Grades;
  onChange: (next: Grades) => void;
  denominator: number;
  problems: string[] | undefined;
}) {
  const graded = people.filter((person) => grades[person.memberId]).length;
  const excellent = people.filter((person) => grades[person.memberId] === '优秀').length;
  const cap = Math.floor(graded / denominator);
  const over = excellent > cap;
  return (
    <div>
      <BlockProblems title="评议结果需要更正" problems={problems} />
      <div className="attendance-toolbar">
        <div className="attendance-counts" data-testid="appraisal-counts">
          <span>
            参评 <strong>{graded}</strong> / {people.length} 人
          </span>
          <span className={over ? 'over-cap' : undefined}>
            优秀 <strong>{excellent}</strong> 人，上限 {cap} 人（参评人数的 1/{denominator}，向下取整）
          </span>
          {over ? <Tag color="error">超过上限</Tag> : null}
        </div>
        <Space>
          <Button
            onClick={() => {
              const next = { ...grades };
              for (const person of people) next[person.memberId] ??= '合格';
              onChange(next);
            }}
          >
            其余评为合格
          </Button>
          <Button onClick={() => onChange({})}>清空</Button>
        </Space>
      </div>
      <div className="attendance-grid">
        {people.map((person) => (
          <div key={person.memberId} className="attendance-row appraisal-row">
            <div className="attendance-name">{person.name}</div>
            <Select<AppraisalGrade>
              size="small"
              allowClear
              placeholder="未评"
              aria-label={`${person.name}的评定等次`}
              value={grades[person.memberId]}
              style={{ width: 120 }}
              options={APPRAISAL_GRADES.map((grade) => ({ value: grade, label: grade }))}
              onChange={(grade) => {
                const next = { ...grades };
                if (grade) next[person.memberId] = grade;
                else delete next[person.memberId];
                onChange(next);
              }}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
