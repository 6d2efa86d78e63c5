import { Alert, Card, Empty, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { PlainList } from '../../components/PlainList.tsx';

/**
 * 发展党员 and 换届 reminders for the home page: 谈话 due, 半年考察 due, probation ending within
 * 30 days, approvals overdue (from each person's deadlines), and the term's warning or alarm.
 */
export function RemindersCard({ base, branchId }: { base: string; branchId: number }) {
  const board = useQuery('dev.board', { branchId });
  const term = useQuery('term.get', { branchId });
  const reminders = (board.data ?? []).flatMap((person) =>
    person.deadlines.map((deadline) => ({ key: `${person.id}-${deadline.stepNo}-${deadline.kind}`, person, deadline })),
  );
  reminders.sort(
    (a, b) =>
      Number(b.deadline.overdue) - Number(a.deadline.overdue) ||
      (a.deadline.latest ?? '').localeCompare(b.deadline.latest ?? ''),
  );
  return (
    <Card title="发展党员与换届提醒" size="small" extra={<Link to={`${base}/development`}>发展党员</Link>}>
      <ApiErrorAlert error={board.error ?? term.error} onRetry={board.reload} />
      {term.data && term.data.state !== 'ok' ? (
        <Alert
          type={term.data.state === 'expired' ? 'error' : term.data.state === 'warning' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 8 }}
          message={term.data.message}
          action={<Link to={`${base}/elections`}>换届选举</Link>}
        />
      ) : null}
      <PlainList
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有到期的发展党员事项" />}
        items={reminders.slice(0, 8).map(({ key, person, deadline }) => ({
          key,
          title: (
            <span>
              {deadline.overdue ? <Tag color="red">已逾期</Tag> : <Tag color="orange">将到期</Tag>}
              <Typography.Text strong>{person.name}</Typography.Text>：{deadline.label}
            </span>
          ),
        }))}
      />
    </Card>
  );
}
