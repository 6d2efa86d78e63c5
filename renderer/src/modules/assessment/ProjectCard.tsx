import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Progress, Tag } from 'antd';
import type { ProjectList, SecretaryProject } from '../../../../electron/api/index.ts';
import type { ItemTarget } from './ProjectModals.tsx';
import { daysOverdue, isDone, lateCount } from './shared.tsx';

/** What deleting an entry does to the loop, said before the clerk confirms. */
function deleteWarning(items: ProjectList[], item: ProjectList): string {
  const children = items.filter((i) => i.linkedTo === item.id).length;
  if (children > 0) return `其下还有 ${children} 条${item.kind === '目标' ? '成果' : '整改'}，须先删除它们。`;
  if (item.kind === '整改' && item.doneOn) return '已销号的整改：若它是销号该问题的唯一一条，须先清除完成日期。';
  if (item.kind === '成果' && item.doneOn) return '已取得的成果：若它是达成该目标的唯一一条，须先清除取得日期。';
  return '删除后不能恢复，操作会记入修改记录。';
}

function ItemCard({
  item,
  items,
  done,
  onEdit,
  onDelete,
}: {
  item: ProjectList;
  /** The project's entries, to say what deleting this one would do. */
  items: ProjectList[];
  /** Met / closed / finished, whichever this kind means. */
  done: boolean;
  onEdit: () => void;
  onDelete: () => Promise<void>;
}) {
  const late = done ? 0 : daysOverdue(item.dueDate);
  const status =
    item.kind === '目标'
      ? done
        ? ['已达成', 'success']
        : ['未达成', 'default']
      : item.kind === '问题'
        ? done
          ? ['已销号', 'success']
          : ['未销号', 'default']
        : done
          ? [item.kind === '整改' ? `已销号 ${item.doneOn}` : `已取得 ${item.doneOn}`, 'success']
          : ['进行中', 'processing'];
  return (
    <div className={`pj-item${late > 0 ? ' pj-item-late' : ''}`} data-testid={`pj-item-${item.id}`}>
      <div className="pj-item-text">{item.text}</div>
      <div className="pj-item-meta">
        <Tag color={status[1]}>{status[0]}</Tag>
        {item.owner ? <span>责任人 {item.owner}</span> : null}
        {item.dueDate ? <span className={late > 0 ? 'pj-late' : undefined}>时限 {item.dueDate}</span> : null}
        {late > 0 ? <span className="pj-late">已逾期 {late} 天</span> : null}
      </div>
      {item.kind === '成果' || item.kind === '整改' ? (
        <div className="pj-item-evidence">
          {item.evidence ? (
            <>佐证：{item.evidence}</>
          ) : item.kind === '成果' ? (
            <span className="pj-missing">缺佐证材料，不能销号目标</span>
          ) : null}
        </div>
      ) : null}
      <Button
        size="small"
        type="text"
        className="pj-item-edit"
        icon={<EditOutlined />}
        aria-label={`修改${item.kind}`}
        onClick={onEdit}
      />
      <Popconfirm
        title={`删除这条${item.kind}？`}
        description={<div className="pj-delete-warning">{deleteWarning(items, item)}</div>}
        okText="删除"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={onDelete}
      >
        <Button
          size="small"
          type="text"
          danger
          className="pj-item-delete"
          icon={<DeleteOutlined />}
          aria-label={`删除${item.kind}`}
        />
      </Popconfirm>
    </div>
  );
}

/** One pair of lists: each parent (目标 / 问题) in a row with the entries that close it (成果 / 整改). */
function PairBoard({
  project,
  parentKind,
  childKind,
  onOpen,
  onDelete,
}: {
  project: SecretaryProject;
  parentKind: '目标' | '问题';
  childKind: '成果' | '整改';
  onOpen: (target: ItemTarget) => void;
  onDelete: (item: ProjectList) => Promise<void>;
}) {
  const parents = project.items.filter((i) => i.kind === parentKind);
  const orphans = project.items.filter((i) => i.kind === childKind && !parents.some((p) => p.id === i.linkedTo));
  return (
    <section className="pj-pair" aria-label={`${parentKind}清单与${childKind}清单`}>
      <div className="pj-pair-head">
        <span>{parentKind}清单</span>
        <span>{childKind}清单</span>
      </div>
      {parents.length === 0 ? <div className="pj-empty muted">还没有{parentKind}</div> : null}
      {parents.map((parent) => {
        const children = project.items.filter((i) => i.kind === childKind && i.linkedTo === parent.id);
        return (
          <div key={parent.id} className="pj-pair-row">
            <ItemCard
              item={parent}
              items={project.items}
              done={isDone(project.items, parent)}
              onEdit={() => onOpen({ kind: parentKind, item: parent })}
              onDelete={() => onDelete(parent)}
            />
            <div className="pj-children">
              {children.map((child) => (
                <ItemCard
                  key={child.id}
                  item={child}
                  items={project.items}
                  done={isDone(project.items, child)}
                  onEdit={() => onOpen({ kind: childKind, item: child })}
                  onDelete={() => onDelete(child)}
                />
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => onOpen({ kind: childKind, item: null, linkedTo: parent.id })}
              >
                添加{childKind}
              </Button>
            </div>
          </div>
        );
      })}
      {orphans.map((child) => (
        <div key={child.id} className="pj-pair-row">
          <div className="pj-empty muted">（未对应{parentKind}）</div>
          <ItemCard
            item={child}
            items={project.items}
            done={isDone(project.items, child)}
            onEdit={() => onOpen({ kind: childKind, item: child })}
            onDelete={() => onDelete(child)}
          />
        </div>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        className="pj-add-parent"
        onClick={() => onOpen({ kind: parentKind, item: null })}
      >
        添加{parentKind}
      </Button>
    </section>
  );
}

function ratio(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 100);
}

/** A 书记项目: its background, progress, and the four linked lists side by side. */
export function ProjectCard({
  project,
  onEdit,
  onOpen,
  onDeleteItem,
}: {
  project: SecretaryProject;
  onEdit: () => void;
  onOpen: (target: ItemTarget) => void;
  /** Deletes one entry (confirmed in a Popconfirm); a refusal is reported by the page. */
  onDeleteItem: (item: ProjectList) => Promise<void>;
}) {
  const { targets, targetsMet, problems, problemsClosed } = project.progress;
  const late = lateCount(project);
  return (
    <Card
      size="small"
      className="pj-card"
      title={project.title}
      data-testid={`project-${project.id}`}
      extra={
        <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
          修改项目
        </Button>
      }
    >
      {project.background ? <div className="pj-background">实施背景：{project.background}</div> : null}
      <div className="pj-progress">
        <div>
          <span className="pj-progress-label">
            目标达成 {targetsMet}/{targets}
          </span>
          <Progress percent={ratio(targetsMet, targets)} size="small" strokeColor="#2F5E8E" />
        </div>
        <div>
          <span className="pj-progress-label">
            问题销号 {problemsClosed}/{problems}
          </span>
          <Progress percent={ratio(problemsClosed, problems)} size="small" strokeColor="#3f9142" />
        </div>
        <div className={late > 0 ? 'pj-late pj-late-count' : 'muted pj-late-count'}>
          {late > 0 ? `${late} 项已逾期` : '没有逾期事项'}
        </div>
      </div>
      <div className="pj-board">
        <PairBoard project={project} parentKind="目标" childKind="成果" onOpen={onOpen} onDelete={onDeleteItem} />
        <PairBoard project={project} parentKind="问题" childKind="整改" onOpen={onOpen} onDelete={onDeleteItem} />
      </div>
    </Card>
  );
}
