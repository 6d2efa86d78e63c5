import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { DutyHolder, DutyTask, DutyTaskStatus, RoleResponsibilities } from '../../../../electron/api/index.ts';
import { RoleBlock } from './RoleBlock.tsx';

const STATUS_COLORS: Record<DutyTaskStatus, string> = {
  未开始: 'default',
  进行中: 'processing',
  已完成: 'success',
  已取消: 'default',
};

function daysLate(task: DutyTask): number {
  return task.overdue && task.dueDate ? dayjs().startOf('day').diff(dayjs(task.dueDate), 'day') : 0;
}

export interface HolderActions {
  onAddTask: () => void;
  onEditTask: (task: DutyTask) => void;
  onFinishTask: (task: DutyTask) => Promise<void>;
  onDeleteTask: (task: DutyTask) => Promise<void>;
  onEditRole: (role: RoleResponsibilities) => void;
  onResetRole: (role: RoleResponsibilities) => Promise<void>;
}

/** One committee member: posts with 任职起止, each post's duties, and the year's 责任清单. */
export function HolderCard({
  holder,
  roles,
  actions,
}: {
  holder: DutyHolder;
  roles: RoleResponsibilities[];
  actions: HolderActions;
}) {
  const posts = [...new Set(holder.posts.map((p) => p.post))];
  const { total, done, overdue } = holder.counts;
  return (
    <Card
      size="small"
      className="duty-card"
      data-testid={`holder-${holder.memberId}`}
      title={
        <Space size={8} wrap>
          <span className="duty-name">{holder.name}</span>
          {posts.map((post) => (
            <Tag key={post} color={post === '书记' ? 'red' : 'volcano'} bordered={false}>
              {post}
            </Tag>
          ))}
        </Space>
      }
      extra={
        <Space size={12}>
          <span className="muted small" data-testid="duty-counts">
            完成 {done}/{total}
            {overdue > 0 ? <span className="duty-late">，逾期 {overdue} 项</span> : null}
          </span>
          <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={actions.onAddTask}>
            添加任务
          </Button>
        </Space>
      }
    >
      <div className="duty-terms">
        {holder.posts.map((p) => (
          <div key={p.postId} className="duty-term">
            <span className="duty-term-post">{p.post}</span>
            <span className="muted">{p.unitName}</span>
            <span className="mono">
              {p.fromDate} 至 {p.toDate ?? '今'}
            </span>
            {p.toDate ? <Tag bordered={false}>已免职</Tag> : null}
          </div>
        ))}
        {holder.posts.length === 0 ? <span className="muted">本年度无任职记录（保留其已登记的任务）</span> : null}
      </div>
      <div className="duty-roles">
        {posts.map((post) => {
          const role = roles.find((r) => r.post === post);
          return role ? (
            <RoleBlock
              key={post}
              role={role}
              onEdit={() => actions.onEditRole(role)}
              onReset={() => actions.onResetRole(role)}
            />
          ) : null;
        })}
      </div>
      <div className="duty-tasks-title">{`责任清单（${holder.tasks.length} 项）`}</div>
      <Table<DutyTask>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={holder.tasks}
        rowClassName={(task) => (task.overdue ? 'duty-row-late' : '')}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={`还没有任务，点“添加任务”为${holder.name}登记本年度的责任清单`}
            />
          ),
        }}
        columns={[
          {
            title: '任务',
            dataIndex: 'text',
            render: (text: string, task) => (
              <div>
                <div>{text}</div>
                {task.note ? <div className="muted small">佐证：{task.note}</div> : null}
              </div>
            ),
          },
          {
            title: '来源',
            key: 'source',
            width: 180,
            render: (_, task) => task.source ?? task.planItemText ?? <span className="muted">—</span>,
          },
          {
            title: '完成时限',
            dataIndex: 'dueDate',
            width: 128,
            render: (due: string | null, task) =>
              due ? (
                <div className={task.overdue ? 'duty-late' : undefined}>
                  <div className="mono">{due}</div>
                  {task.overdue ? <div className="small">已逾期 {daysLate(task)} 天</div> : null}
                </div>
              ) : (
                <span className="muted">—</span>
              ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 92,
            render: (status: DutyTaskStatus, task) => (
              <Tag color={task.overdue ? 'error' : STATUS_COLORS[status]}>{status}</Tag>
            ),
          },
          {
            title: '完成日期',
            dataIndex: 'doneOn',
            width: 108,
            render: (v: string | null) => (v ? <span className="mono">{v}</span> : <span className="muted">—</span>),
          },
          {
            title: '操作',
            key: 'actions',
            width: 112,
            render: (_, task) => (
              <Space size={0}>
                {task.status === '未开始' || task.status === '进行中' ? (
                  <Tooltip title="标记为已完成（完成日期记为今天）">
                    <Button
                      size="small"
                      type="text"
                      icon={<CheckOutlined />}
                      aria-label={`标记完成：${task.text}`}
                      onClick={() => void actions.onFinishTask(task)}
                    />
                  </Tooltip>
                ) : null}
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={`修改：${task.text}`}
                  onClick={() => actions.onEditTask(task)}
                />
                <Popconfirm
                  title="删除这项任务？"
                  description={`“${task.text}”将从${holder.name}的责任清单中删除。`}
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => actions.onDeleteTask(task)}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除：${task.text}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
