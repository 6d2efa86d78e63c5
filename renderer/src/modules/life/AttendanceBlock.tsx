import { CheckOutlined, DownOutlined, PlusOutlined, SnippetsOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Dropdown, Empty, Input, Segmented, Skeleton, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import type { OrgUnit, RosterCandidate } from '../../../../electron/api/index.ts';
import type { ApiError } from '../../api/client.ts';
import { COMMITTEE_POSTS, SCOPE_LABELS } from '../../api/lifeConstants.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import type { AttendanceState, MarkStatus } from './meetingForm.ts';

const STATUSES: MarkStatus[] = ['出席', '请假', '缺席'];

export function attendanceCounts(expected: RosterCandidate[], attendance: AttendanceState) {
  const statusOf = (id: number) => attendance.marks[id]?.status ?? '缺席';
  return {
    expected: expected.length,
    present: expected.filter((person) => statusOf(person.memberId) === '出席').length,
    leave: expected.filter((person) => statusOf(person.memberId) === '请假').length,
    absent: expected.filter((person) => statusOf(person.memberId) === '缺席').length,
    guests: attendance.guests.length,
  };
}

export function AttendanceBlock({
  scope,
  date,
  needsGroup,
  expected,
  loading,
  error,
  onRetry,
  branchRoster,
  groups,
  attendance,
  onChange,
  problems,
  onOpenRollCall,
}: {
  scope: 'branch' | 'committee' | 'group';
  date: string | undefined;
  needsGroup: boolean;
  expected: RosterCandidate[] | undefined;
  loading: boolean;
  error: ApiError | null;
  onRetry: () => void;
  branchRoster: RosterCandidate[];
  groups: OrgUnit[];
  attendance: AttendanceState;
  onChange: (next: AttendanceState) => void;
  problems: string[] | undefined;
  onOpenRollCall: () => void;
}) {
  const [guestName, setGuestName] = useState('');
  const people = expected ?? [];
  const counts = attendanceCounts(people, attendance);

  const mark = (ids: number[], status: MarkStatus) => {
    const marks = { ...attendance.marks };
    for (const id of ids) marks[id] = { status, reason: status === '出席' ? undefined : marks[id]?.reason };
    onChange({ ...attendance, marks });
  };
  const setReason = (id: number, reason: string) => {
    const current = attendance.marks[id] ?? { status: '缺席' as const };
    onChange({ ...attendance, marks: { ...attendance.marks, [id]: { ...current, reason } } });
  };
  const addGuest = () => {
    const name = guestName.trim();
    if (!name) return;
    const member = branchRoster.find((person) => person.name === name);
    const expectedIds = new Set(people.map((person) => person.memberId));
    if (member && expectedIds.has(member.memberId)) {
      mark([member.memberId], '出席');
    } else if (!attendance.guests.some((guest) => guest.name === name)) {
      onChange({ ...attendance, guests: [...attendance.guests, { memberId: member?.memberId ?? null, name }] });
    }
    setGuestName('');
  };

  if (!date) return <Alert type="info" showIcon title="请先选择会议日期：应到人员按当日的花名册列出。" />;
  if (needsGroup) return <Alert type="info" showIcon title="请先选择党小组：应到人员为该党小组当日的党员。" />;

  const committee = people.filter((person) => person.posts.some((post) => COMMITTEE_POSTS.includes(post)));
  const outsiders = branchRoster.filter((person) => !people.some((p) => p.memberId === person.memberId));

  return (
    <div className="attendance-block">
      <ApiErrorAlert error={error} onRetry={onRetry} />
      {problems?.length ? (
        <Alert
          type="error"
          showIcon
          className="block-error"
          title="出席情况需要更正"
          description={
            <ul className="error-details">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <div className="attendance-toolbar">
        <div className="attendance-counts" data-testid="attendance-counts">
          <span>
            应到 <strong>{counts.expected}</strong>
          </span>
          <span>
            实到 <strong className="count-present">{counts.present}</strong>
          </span>
          <span>
            请假 <strong className="count-leave">{counts.leave}</strong>
          </span>
          <span>
            缺席 <strong className="count-absent">{counts.absent}</strong>
          </span>
          <span>
            列席 <strong>{counts.guests}</strong>
          </span>
        </div>
        <Space wrap>
          <Button
            icon={<CheckOutlined />}
            onClick={() =>
              mark(
                people.map((p) => p.memberId),
                '出席',
              )
            }
          >
            全部出席
          </Button>
          {scope === 'branch' ? (
            <>
              <Tooltip title="把支委会委员标为出席">
                <Button
                  icon={<TeamOutlined />}
                  disabled={committee.length === 0}
                  onClick={() =>
                    mark(
                      committee.map((p) => p.memberId),
                      '出席',
                    )
                  }
                >
                  选择支委会
                </Button>
              </Tooltip>
              <Dropdown
                disabled={groups.length === 0}
                trigger={['click']}
                menu={{
                  items: groups.map((group) => ({ key: String(group.id), label: `${group.name}出席` })),
                  onClick: ({ key }) =>
                    mark(
                      people.filter((p) => p.groupId === Number(key)).map((p) => p.memberId),
                      '出席',
                    ),
                }}
              >
                <Button>
                  按党小组 <DownOutlined />
                </Button>
              </Dropdown>
            </>
          ) : null}
          <Button icon={<SnippetsOutlined />} onClick={onOpenRollCall}>
            粘贴接龙
          </Button>
        </Space>
      </div>
      {loading && !expected ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : people.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={`${date} 没有应到人员（${SCOPE_LABELS[scope]}）。请检查花名册${scope === 'committee' ? '和支委职务' : ''}。`}
        />
      ) : (
        <div className="attendance-grid">
          {people.map((person) => {
            const current = attendance.marks[person.memberId];
            const status = current?.status ?? '缺席';
            return (
              <div key={person.memberId} className={`attendance-row status-${status}`} data-name={person.name}>
                <div className="attendance-name">
                  <span>{person.name}</span>
                  {person.membership === '预备党员' ? <Tag color="orange">预备</Tag> : null}
                  {person.posts
                    .filter((post) => COMMITTEE_POSTS.includes(post))
                    .slice(0, 1)
                    .map((post) => (
                      <Tag key={post} variant="outlined" color="volcano">
                        {post}
                      </Tag>
                    ))}
                </div>
                <Segmented<MarkStatus>
                  size="small"
                  aria-label={`${person.name}的出席情况`}
                  value={status}
                  options={STATUSES}
                  onChange={(value) => mark([person.memberId], value)}
                />
                {status === '出席' ? (
                  <span />
                ) : (
                  <Input
                    size="small"
                    aria-label={`${person.name}的${status}原因`}
                    placeholder={status === '请假' ? '请假原因' : '原因（可不填）'}
                    value={current?.reason ?? ''}
                    maxLength={100}
                    onChange={(event) => setReason(person.memberId, event.target.value)}
                  />
                )}
              </div>
            );
          })}
        </div>
      )}
      <div className="guest-row">
        <span className="guest-label">列席人员</span>
        <Space wrap size={[4, 4]}>
          {attendance.guests.map((guest) => (
            <Tag
              key={`${guest.memberId ?? 'g'}-${guest.name}`}
              closable
              onClose={(event) => {
                event.preventDefault();
                onChange({ ...attendance, guests: attendance.guests.filter((g) => g !== guest) });
              }}
            >
              {guest.name}
              {guest.memberId !== null ? '（党员）' : ''}
              {guest.reason ? ` · ${guest.reason}` : ''}
            </Tag>
          ))}
          <Space.Compact>
            <AutoComplete
              aria-label="列席人员姓名"
              placeholder="姓名，如上级指导人员"
              value={guestName}
              onChange={setGuestName}
              options={outsiders.map((person) => ({ value: person.name }))}
              filterOption={(input, option) => String(option?.value ?? '').includes(input)}
              style={{ width: 200 }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addGuest();
                }
              }}
            />
            <Button icon={<PlusOutlined />} onClick={addGuest} disabled={!guestName.trim()}>
              添加
            </Button>
          </Space.Compact>
        </Space>
      </div>
      <div className="muted attendance-note">没有标记的人按缺席保存；应到、实到由台账按当日花名册计算。</div>
    </div>
  );
}
