import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Empty, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { DevPersonSummary } from '../../../../electron/api/index.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { DevBoardCard } from './DevBoardCard.tsx';
import { DossierDrawer } from './DossierDrawer.tsx';
import { BOARD_COLUMNS } from './devShared.ts';
import { NewApplicantModal } from './NewApplicantModal.tsx';
import './development.css';

/** Overdue first, then whoever has the nearest date, then by name. */
function byUrgency(a: DevPersonSummary, b: DevPersonSummary): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const soonest = (p: DevPersonSummary) =>
    p.deadlines
      .map((d) => d.latest ?? d.earliest ?? '9999-12-31')
      .sort()
      .at(0) ?? '9999-12-31';
  return soonest(a).localeCompare(soonest(b)) || a.name.localeCompare(b.name, 'zh-CN');
}

/** 正式党员 shown for this year, and anyone whose archive hand-over (step 25) is still to do. */
function showConverted(person: DevPersonSummary): boolean {
  if (person.nextStep !== null) return true;
  return (person.lastStep?.doneOn ?? '').startsWith(String(dayjs().year()));
}

export function DevelopmentPage() {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [showClosed, setShowClosed] = useState(false);
  const board = useQuery('dev.board', { branchId: branch.id, includeClosed: true });
  const opened = Number(params.get('person')) || null;

  const open = (id: number | null) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (id === null) copy.delete('person');
        else copy.set('person', String(id));
        return copy;
      },
      { replace: id === null },
    );

  const columns = useMemo(() => {
    const people = (board.data ?? []).filter((p) => showClosed || p.status !== '已取消');
    return BOARD_COLUMNS.map((column) => ({
      ...column,
      people: people
        .filter((p) => p.stage === column.stage && (p.stage !== '正式党员' || showConverted(p)))
        .sort(byUrgency),
    }));
  }, [board.data, showClosed]);

  const active = (board.data ?? []).filter((p) => p.status === '进行中');
  const overdue = active.filter((p) => p.overdue).length;
  const cancelled = (board.data ?? []).filter((p) => p.status === '已取消').length;

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          发展党员
        </Typography.Title>
        <Space>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
            新增入党申请人
          </Button>
        </Space>
      </div>
      <div className="filter-bar dev-summary">
        <span>
          正在发展 <strong>{active.length}</strong> 人
        </span>
        {overdue > 0 ? (
          <span className="dev-overdue">
            <strong>{overdue}</strong> 人有逾期事项
          </span>
        ) : (
          <span className="muted">没有逾期事项</span>
        )}
        <span className="muted dev-small">点人员卡片查看全程记实、登记下一步</span>
        <span className="dev-summary-spacer" />
        <Checkbox checked={showClosed} onChange={(event) => setShowClosed(event.target.checked)}>
          显示已终止的（{cancelled}）
        </Checkbox>
      </div>
      <ApiErrorAlert error={board.error} onRetry={board.reload} />
      {!board.data && board.loading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <div className="dev-board">
          {columns.map((column) => (
            <section key={column.stage} className="dev-column" aria-label={column.title}>
              <header className="dev-column-head">
                <span>{column.title}</span>
                <span className="dev-column-count">{column.people.length}</span>
              </header>
              <div className="dev-column-body">
                {column.people.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />
                ) : (
                  column.people.map((person) => <DevBoardCard key={person.id} person={person} onOpen={open} />)
                )}
              </div>
            </section>
          ))}
        </div>
      )}
      <NewApplicantModal
        open={creating}
        branchId={branch.id}
        onClose={() => setCreating(false)}
        onCreated={(person) => {
          setCreating(false);
          message.success(`已登记 ${person.name} 的入党申请`);
          board.reload();
          open(person.id);
        }}
      />
      <DossierDrawer personId={opened} onClose={() => open(null)} onChanged={board.reload} />
    </div>
  );
}
