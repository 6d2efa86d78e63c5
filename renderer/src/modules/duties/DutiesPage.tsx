import { AuditOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { DutyHolder, DutyTask, RoleResponsibilities } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { today } from '../../components/format.ts';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { type HolderActions, HolderCard } from './HolderCard.tsx';
import { ResponsibilityModal } from './ResponsibilityModal.tsx';
import { RoleBlock } from './RoleBlock.tsx';
import { TaskModal, type TaskTarget } from './TaskModal.tsx';
import './duties.css';

/**
 * 支委分工 of a branch-year (RULES.md §7, §8.1 C): each committee member and 党小组长 with 任职起止, the
 * duties of their posts (the template's list or the branch's own edit), and their 责任清单 of the year.
 */
export function DutiesPage() {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const reportError = useReportError();
  const navigate = useNavigate();
  const [year, setYear] = useYearParam();
  const query = useQuery('duties.get', { branchId: branch.id, year });
  const overview = query.data?.branchId === branch.id && query.data.year === year ? query.data : undefined;
  const [editingRole, setEditingRole] = useState<RoleResponsibilities | null>(null);
  const [taskTarget, setTaskTarget] = useState<TaskTarget | null>(null);

  const resetRole = async (role: RoleResponsibilities) => {
    try {
      await call('duties.resetResponsibilities', { branchId: branch.id, post: role.post });
      message.success(`${role.post}职责已恢复为默认清单`);
      query.reload();
    } catch (caught) {
      reportError(caught);
    }
  };

  const actionsFor = (holder: DutyHolder): HolderActions => ({
    onAddTask: () => setTaskTarget({ holder, task: null }),
    onEditTask: (task) => setTaskTarget({ holder, task }),
    onFinishTask: async (task: DutyTask) => {
      try {
        await call('duties.saveTask', {
          id: task.id,
          branchId: task.branchId,
          year: task.year,
          memberId: task.memberId,
          text: task.text,
          source: task.source ?? undefined,
          planItemId: task.planItemId ?? undefined,
          assignedOn: task.assignedOn ?? undefined,
          dueDate: task.dueDate ?? undefined,
          status: '已完成',
          doneOn: today(),
          note: task.note ?? undefined,
          sortOrder: task.sortOrder,
        });
        message.success(`已标记完成：${task.text}`);
        query.reload();
      } catch (caught) {
        reportError(caught);
      }
    },
    onDeleteTask: async (task: DutyTask) => {
      try {
        await call('duties.deleteTask', { id: task.id });
        message.success(`已删除任务：${task.text}`);
        query.reload();
      } catch (caught) {
        reportError(caught);
      }
    },
    onEditRole: setEditingRole,
    onResetRole: resetRole,
  });

  const holders = overview?.holders ?? [];
  const heldPosts = new Set(holders.flatMap((h) => h.posts.map((p) => p.post)));
  const otherRoles = (overview?.roles ?? []).filter((r) => !heldPosts.has(r.post));
  const totals = holders.reduce(
    (sum, h) => ({
      total: sum.total + h.counts.total,
      done: sum.done + h.counts.done,
      overdue: sum.overdue + h.counts.overdue,
    }),
    { total: 0, done: 0, overdue: 0 },
  );

  return (
    <div className="page duty-page">
      <div className="page-heading">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            支委分工
          </Typography.Title>
          {overview ? (
            <div className="muted small">
              职责清单依据：{overview.template.name}（{overview.template.version}）
            </div>
          ) : null}
        </div>
        <Space>
          <YearSelect value={year} onChange={setYear} />
        </Space>
      </div>
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      {!overview && query.loading ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : overview && holders.length === 0 ? (
        <Empty
          className="duty-empty"
          description={
            <>
              <div>{year}年本支部还没有支委会成员或党小组长。</div>
              <div className="muted">
                支委会由换届选举产生，选举完成后分工自动生效；也可以在党员花名册中打开党员，点“任职”登记职务和任职日期。
              </div>
            </>
          }
        >
          <Space>
            <Button type="primary" icon={<AuditOutlined />} onClick={() => navigate(`/branch/${branch.id}/elections`)}>
              去换届选举
            </Button>
            <Button icon={<TeamOutlined />} onClick={() => navigate(`/branch/${branch.id}/roster`)}>
              去党员花名册
            </Button>
          </Space>
        </Empty>
      ) : overview ? (
        <>
          <div className="filter-bar duty-summary" data-testid="duty-summary">
            <span>
              支委会成员及党小组长 <strong>{holders.length}</strong> 人
            </span>
            <span>
              责任清单 <strong>{totals.total}</strong> 项
            </span>
            <span>
              已完成 <strong>{totals.done}</strong> 项
            </span>
            <span className={totals.overdue > 0 ? 'duty-late' : 'muted'}>
              {totals.overdue > 0 ? `逾期 ${totals.overdue} 项` : '没有逾期任务'}
            </span>
          </div>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {holders.map((holder) => (
              <HolderCard key={holder.memberId} holder={holder} roles={overview.roles} actions={actionsFor(holder)} />
            ))}
          </Space>
        </>
      ) : null}
      {overview && otherRoles.length > 0 ? (
        <Card
          size="small"
          className="duty-card duty-other-roles"
          title={holders.length > 0 ? '其他职务的职责清单' : '各职务的职责清单'}
        >
          <div className="muted small duty-other-hint">
            {holders.length > 0
              ? '本年度暂无人担任以下职务；职责清单可预先按本支部实际修改，任职后即在其名下显示。'
              : '支委任职后，本职务的职责清单即在其名下显示；可预先按本支部实际修改。'}
          </div>
          <div className="duty-roles">
            {otherRoles.map((role) => (
              <RoleBlock
                key={role.post}
                role={role}
                onEdit={() => setEditingRole(role)}
                onReset={() => resetRole(role)}
              />
            ))}
          </div>
        </Card>
      ) : null}
      <ResponsibilityModal
        branchId={branch.id}
        role={editingRole}
        onClose={() => setEditingRole(null)}
        onSaved={(saved) => {
          setEditingRole(null);
          message.success(`已保存${saved.post}职责清单`);
          query.reload();
        }}
      />
      {overview ? (
        <TaskModal
          overview={overview}
          target={taskTarget}
          onClose={() => setTaskTarget(null)}
          onSaved={(saved) => {
            setTaskTarget(null);
            message.success(`已保存任务：${saved.text}`);
            query.reload();
          }}
        />
      ) : null}
    </div>
  );
}
