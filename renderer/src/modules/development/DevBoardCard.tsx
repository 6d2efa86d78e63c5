import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { DevDeadline, DevPersonSummary } from '../../../../electron/api/index.ts';
import { isPressing, shortDeadline, stepTitle } from './devShared.ts';

function DeadlineLine({ deadline }: { deadline: DevDeadline }) {
  if (deadline.overdue) {
    return (
      <span className="dev-card-line dev-overdue">
        <ExclamationCircleOutlined /> 已逾期：{deadline.label}
      </span>
    );
  }
  return (
    <Tooltip title={deadline.label}>
      <span className="dev-card-line dev-remind">
        <ClockCircleOutlined /> {shortDeadline(deadline)}
      </span>
    </Tooltip>
  );
}

/** One person on the board: where they stand, what comes next and by when. */
export function DevBoardCard({ person, onOpen }: { person: DevPersonSummary; onOpen: (id: number) => void }) {
  const next = person.nextStep;
  const nextDeadline = next ? person.deadlines.find((d) => d.stepNo === next.no && d.kind === 'next-step') : undefined;
  const reminders = person.deadlines.filter((d) => d !== nextDeadline && isPressing(d));
  const closed = person.status === '已取消';
  return (
    <button
      type="button"
      className={`dev-card${person.overdue ? ' dev-card-overdue' : ''}${closed ? ' dev-card-closed' : ''}`}
      onClick={() => onOpen(person.id)}
      data-person={person.name}
      aria-label={`${person.name}的全程记实`}
    >
      <span className="dev-card-head">
        <span className="dev-card-name">{person.name}</span>
        <span className="muted dev-small">{person.gender}</span>
        {person.overdue ? (
          <Tag color="error" className="dev-card-tag">
            逾期
          </Tag>
        ) : null}
        {closed ? <Tag className="dev-card-tag">已终止</Tag> : null}
        {person.status === '已转正' ? (
          <Tag color="success" className="dev-card-tag">
            已转正
          </Tag>
        ) : null}
      </span>
      <span className="dev-card-grid">
        {person.lastStep ? (
          <>
            <span className="muted">已完成</span>
            <span>
              {stepTitle(person.lastStep.no, person.lastStep.name)}
              <span className="dev-card-date mono">{person.lastStep.doneOn}</span>
            </span>
          </>
        ) : null}
        {next && !closed ? (
          <>
            <span className="muted">下一步</span>
            <span>
              {stepTitle(next.no, next.name)}
              {nextDeadline && !nextDeadline.overdue ? (
                <Tooltip title={nextDeadline.label}>
                  <span className="dev-card-date mono">{shortDeadline(nextDeadline)}</span>
                </Tooltip>
              ) : null}
            </span>
          </>
        ) : null}
      </span>
      {nextDeadline?.overdue ? <DeadlineLine deadline={nextDeadline} /> : null}
      {closed
        ? null
        : reminders.map((deadline) => <DeadlineLine key={`${deadline.kind}-${deadline.stepNo}`} deadline={deadline} />)}
    </button>
  );
}
