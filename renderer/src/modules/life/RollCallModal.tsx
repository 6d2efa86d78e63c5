import { Alert, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RollCallLine, RosterCandidate } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import type { AttendanceState } from './meetingForm.ts';

const STATUS_COLORS: Record<string, string> = { 出席: 'success', 请假: 'warning', 缺席: 'error', 列席: 'processing' };

/** What applying a parsed 接龙 does: expected members get their status, others on the roll and guests are 列席. */
export function applyRollCall(
  attendance: AttendanceState,
  lines: RollCallLine[],
  expected: RosterCandidate[],
  branchRoster: RosterCandidate[],
): AttendanceState {
  const expectedIds = new Set(expected.map((person) => person.memberId));
  const marks = { ...attendance.marks };
  const guests = [...attendance.guests];
  const hasGuest = (memberId: number | null, name: string) =>
    guests.some((guest) => (memberId !== null ? guest.memberId === memberId : guest.name === name));
  for (const line of lines) {
    if (line.problem) continue;
    if (line.memberId !== null && expectedIds.has(line.memberId)) {
      const status = line.status === '列席' ? '出席' : line.status;
      marks[line.memberId] = { status, reason: status === '出席' ? undefined : (line.reason ?? undefined) };
    } else if (line.memberId !== null) {
      const member = branchRoster.find((person) => person.memberId === line.memberId);
      if (!hasGuest(line.memberId, line.name))
        guests.push({ memberId: line.memberId, name: member?.name ?? line.name, reason: line.reason ?? undefined });
    } else if (line.status === '列席' && line.name && !hasGuest(null, line.name)) {
      guests.push({ memberId: null, name: line.name, reason: line.reason ?? undefined });
    }
  }
  return { marks, guests };
}

const EXAMPLE = '#接龙\n3月支委会签到\n1. 张三\n2. 李四 请假（出差）\n3. 王五（列席）';

export function RollCallModal({
  open,
  branchId,
  date,
  expected,
  branchRoster,
  onClose,
  onApply,
}: {
  open: boolean;
  branchId: number;
  date: string;
  expected: RosterCandidate[];
  branchRoster: RosterCandidate[];
  onClose: () => void;
  onApply: (lines: RollCallLine[]) => void;
}) {
  const [text, setText] = useState('');
  const [lines, setLines] = useState<RollCallLine[] | null>(null);
  const [parsing, setParsing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (open) {
      setLines(null);
      setError(null);
    }
  }, [open]);

  const parse = async () => {
    setParsing(true);
    setError(null);
    try {
      setLines(await call('life.parseRollCall', { branchId, date, text }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setParsing(false);
    }
  };

  const expectedIds = new Set(expected.map((person) => person.memberId));
  const rosterName = new Map(branchRoster.map((person) => [person.memberId, person.name]));
  const usable = (lines ?? []).filter((line) => !line.problem);
  const outcome = (line: RollCallLine) => {
    if (line.problem) return '不应用';
    if (line.memberId !== null && expectedIds.has(line.memberId)) return line.status === '列席' ? '出席' : line.status;
    return '列席';
  };

  return (
    <Modal
      open={open}
      title={`粘贴接龙（${date}）`}
      width={860}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button onClick={() => void parse()} loading={parsing} disabled={!text.trim()}>
            识别
          </Button>
          <Button type="primary" disabled={!lines || usable.length === 0} onClick={() => lines && onApply(lines)}>
            应用 {usable.length > 0 ? `${usable.length} 行` : ''}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        把微信群里的接龙整段复制进来，点「识别」。只有带序号的行会被读取；「请假（原因）」「列席」写在姓名后面即可。
      </Typography.Paragraph>
      <Input.TextArea
        aria-label="接龙内容"
        rows={6}
        value={text}
        placeholder={EXAMPLE}
        onChange={(event) => {
          setText(event.target.value);
          setLines(null);
        }}
      />
      <ApiErrorAlert error={error} />
      {lines ? (
        <div style={{ marginTop: 12 }}>
          {lines.length === 0 ? (
            <Alert type="warning" showIcon title="没有找到带序号的接龙行，请检查粘贴的内容。" />
          ) : (
            <Table<RollCallLine>
              className="roll-call-preview"
              rowKey="line"
              size="small"
              pagination={false}
              scroll={{ y: 300 }}
              dataSource={lines}
              columns={[
                { title: '行', dataIndex: 'line', width: 48 },
                { title: '接龙内容', dataIndex: 'text', ellipsis: true },
                { title: '姓名', dataIndex: 'name', width: 90 },
                {
                  title: '花名册',
                  key: 'member',
                  width: 110,
                  render: (_, line) =>
                    line.memberId !== null ? (
                      (rosterName.get(line.memberId) ?? line.name)
                    ) : line.status === '列席' && !line.problem ? (
                      <span className="muted">非党员</span>
                    ) : (
                      <Tag color="error">不在花名册</Tag>
                    ),
                },
                {
                  title: '登记为',
                  key: 'status',
                  width: 80,
                  render: (_, line) => {
                    const result = outcome(line);
                    return <Tag color={STATUS_COLORS[result] ?? 'default'}>{result}</Tag>;
                  },
                },
                { title: '原因', dataIndex: 'reason', width: 110, render: (reason: string | null) => reason ?? '' },
                {
                  title: '问题',
                  dataIndex: 'problem',
                  width: 190,
                  render: (problem: string | null) =>
                    problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null,
                },
              ]}
            />
          )}
        </div>
      ) : null}
    </Modal>
  );
}
