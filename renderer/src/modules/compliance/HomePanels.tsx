import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Skeleton, Space, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ComplianceReport, DuesSheet, MeetingSummary, SupervisionItem } from '../../../../electron/api/index.ts';
import type { QueryState } from '../../api/useQuery.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { PlainList } from '../../components/PlainList.tsx';
import { AlsoCountsTags, KindTag } from '../life/KindTag.tsx';
import { ComplianceHeatmap, HeatmapLegend } from './ComplianceHeatmap.tsx';
import { kindOfRule, periodLabel, periodsContaining } from './heatmap.ts';

function More({ to, label }: { to: string; label: string }) {
  const navigate = useNavigate();
  return (
    <Button type="link" size="small" onClick={() => navigate(to)}>
      {label} <RightOutlined />
    </Button>
  );
}

/** Meetings the current month, quarter (and, from October, year) still require. */
export function meetingsDue(report: ComplianceReport) {
  const [month, quarter, year] = periodsContaining(report.asOf);
  const late = Number(report.asOf.slice(5, 7)) >= 10;
  const labels = new Map(report.rules.map((rule) => [rule.id, rule.label]));
  return report.cells
    .filter((cell) => kindOfRule(cell.ruleId) !== null && cell.required > 0)
    .filter((cell) => cell.state === 'pending' || cell.state === 'missing')
    .filter((cell) => cell.period === month || cell.period === quarter || (late && cell.period === year))
    .map((cell) => ({ cell, label: labels.get(cell.ruleId) ?? cell.ruleId }));
}

export function MonthTodoCard({
  base,
  compliance,
  supervision,
  dues,
  onRoll,
}: {
  base: string;
  compliance: QueryState<ComplianceReport>;
  supervision: QueryState<SupervisionItem[]>;
  dues: QueryState<DuesSheet>;
  /** Members on the roll today; null while the roster loads. */
  onRoll: ReadonlySet<number> | null;
}) {
  const loading =
    onRoll === null ||
    (compliance.loading && !compliance.data) ||
    (supervision.loading && !supervision.data) ||
    (dues.loading && !dues.data);
  const roll = onRoll ?? new Set<number>();
  const meetings = compliance.data ? meetingsDue(compliance.data) : [];
  const overdue = (supervision.data ?? []).filter((item) => item.overdue);
  const month = Number((dues.data?.asOf ?? '').slice(5, 7));
  const unpaid = (dues.data?.members ?? []).filter(
    (row) => roll.has(row.memberId) && (row.profile?.monthlyDue ?? 0) > 0 && row.months[month - 1] === null,
  );
  const unset = (dues.data?.members ?? []).filter((row) => roll.has(row.memberId) && !row.profile);

  return (
    <Card size="small" title="本月待办" className="todo-card" data-testid="month-todo">
      <ApiErrorAlert error={compliance.error ?? supervision.error ?? dues.error} />
      {loading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <div className="todo-sections">
          <section>
            <div className="todo-heading">
              <span>还需召开的会议</span>
              <More to={`${base}/compliance`} label="合规日历" />
            </div>
            <PlainList
              empty={
                <span className="muted">
                  {roll.size === 0 ? '花名册中还没有党员，暂无规定要召开的会议' : '本月、本季度规定的会议都已召开'}
                </span>
              }
              items={meetings.map(({ cell, label }) => ({
                key: `${cell.ruleId}-${cell.period}`,
                title: (
                  <span>
                    <Tag color={cell.state === 'missing' ? 'error' : 'blue'}>{periodLabel(cell.period)}</Tag>
                    {label}
                  </span>
                ),
                description: `已开 ${cell.held} 次，应至少 ${cell.required} 次`,
              }))}
            />
          </section>
          <section>
            <div className="todo-heading">
              <span>逾期督办事项</span>
              <More to={`${base}/routine`} label="计划与督办" />
            </div>
            <PlainList
              empty={<span className="muted">没有逾期的督办事项</span>}
              items={overdue.slice(0, 5).map((item) => ({
                key: `${item.source}-${item.sourceId}`,
                title: <span className="overdue-date">{item.text}</span>,
                description: `${item.origin} · 时限 ${item.dueDate}${item.owner ? ` · ${item.owner}` : ''}`,
              }))}
            />
            {overdue.length > 5 ? <div className="muted small">另有 {overdue.length - 5} 项</div> : null}
          </section>
          <section>
            <div className="todo-heading">
              <span>本月党费</span>
              <More to={`${base}/dues`} label="党费收缴" />
            </div>
            {roll.size === 0 ? (
              <span className="muted">花名册中还没有党员</span>
            ) : unpaid.length === 0 && unset.length === 0 ? (
              <span className="muted">本月党费已全部登记</span>
            ) : (
              <div className="todo-dues">
                {unpaid.length > 0 ? (
                  <div>
                    {month}月尚未交纳 <strong>{unpaid.length}</strong> 人：
                    {unpaid
                      .slice(0, 12)
                      .map((row) => row.name)
                      .join('、')}
                    {unpaid.length > 12 ? ` 等` : ''}
                  </div>
                ) : null}
                {unset.length > 0 ? <div className="muted">{unset.length} 人尚未核定交纳基数</div> : null}
              </div>
            )}
          </section>
        </div>
      )}
    </Card>
  );
}

export function RecentRecordsCard({ base, meetings }: { base: string; meetings: QueryState<MeetingSummary[]> }) {
  const navigate = useNavigate();
  const recent = [...(meetings.data ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.id - a.id).slice(0, 5);
  return (
    <Card size="small" title="最近记录" extra={<More to={`${base}/life`} label="组织生活" />} className="recent-card">
      <ApiErrorAlert error={meetings.error} onRetry={meetings.reload} />
      {meetings.loading && !meetings.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <PlainList
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="今年还没有组织生活记录" />}
          items={recent.map((meeting) => ({
            key: meeting.id,
            title: (
              <button type="button" className="link-button" onClick={() => navigate(`${base}/life/${meeting.id}`)}>
                {meeting.title}
              </button>
            ),
            description: (
              <Space size={4} wrap>
                <span>{meeting.heldOn}</span>
                <KindTag kind={meeting.kind} />
                <AlsoCountsTags kinds={meeting.alsoCountsAs} />
                <span>
                  应到 {meeting.expected} · 实到 {meeting.present}
                </span>
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}

export function CalendarCard({ base, compliance }: { base: string; compliance: QueryState<ComplianceReport> }) {
  const navigate = useNavigate();
  const report = compliance.data;
  return (
    <Card
      size="small"
      title={report ? `${report.year}年合规日历` : '合规日历'}
      extra={<More to={`${base}/compliance`} label="查看问题清单" />}
    >
      {report ? (
        <>
          <ComplianceHeatmap
            report={report}
            compact
            onCellClick={() => navigate(`${base}/compliance?year=${report.year}`)}
          />
          <HeatmapLegend />
        </>
      ) : compliance.error ? (
        <ApiErrorAlert error={compliance.error} onRetry={compliance.reload} />
      ) : (
        <Skeleton active paragraph={{ rows: 5 }} />
      )}
    </Card>
  );
}
