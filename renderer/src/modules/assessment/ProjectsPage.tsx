import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ProjectList, SecretaryProject } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { ProjectCard } from './ProjectCard.tsx';
import { type ItemTarget, ProjectItemModal, ProjectModal } from './ProjectModals.tsx';
import './projects.css';

/**
 * 书记项目 of a branch-year (RULES.md §7.3): each project with its 目标/问题/整改/成果 lists, every
 * 成果 beside the 目标 it meets and every 整改 beside the 问题 it closes; overdue entries in red.
 */
export function ProjectsPage() {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const report = useReportError();
  const [year, setYear] = useYearParam();
  const query = useQuery('project.list', { branchId: branch.id, year });
  // Saves answer with the saved project: they stand until the next load replaces what they were based on.
  const [edited, setEdited] = useState<{ base: SecretaryProject[] | undefined; projects: SecretaryProject[] } | null>(
    null,
  );
  const projects = edited?.base === query.data ? edited?.projects : undefined;
  const list = (projects ?? query.data ?? []).filter((p) => p.branchId === branch.id && p.year === year);
  const loaded = query.data !== undefined;

  const [editing, setEditing] = useState<{ project: SecretaryProject | null } | null>(null);
  const [itemFor, setItemFor] = useState<{ project: SecretaryProject; target: ItemTarget } | null>(null);

  const replace = (saved: SecretaryProject) => {
    const current = projects ?? query.data ?? [];
    const exists = current.some((p) => p.id === saved.id);
    setEdited({
      base: query.data,
      projects: exists ? current.map((p) => (p.id === saved.id ? saved : p)) : [...current, saved],
    });
  };

  const deleteItem = async (item: ProjectList) => {
    try {
      replace(await call('project.deleteItem', { id: item.id }));
      message.success(`已删除${item.kind}“${item.text}”`);
    } catch (caught) {
      report(caught);
    }
  };

  return (
    <div className="page as-page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          书记项目
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ project: null })}>
            新建书记项目
          </Button>
        </Space>
      </div>
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      {!loaded && query.loading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : list.length === 0 && !query.error ? (
        <Empty
          className="pj-empty-page"
          description={
            <>
              <div>{year}年还没有书记项目。</div>
              <div className="muted">
                书记项目按“选题立项 → 实施推进 → 评估验收”推进，以目标、问题、整改、成果四张清单闭环管理。
              </div>
            </>
          }
        >
          <Button type="primary" onClick={() => setEditing({ project: null })}>
            新建书记项目
          </Button>
        </Empty>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {list.map((project) => (
            <ProjectCard
              key={project.id}
              project={project}
              onEdit={() => setEditing({ project })}
              onOpen={(target) => setItemFor({ project, target })}
              onDeleteItem={deleteItem}
            />
          ))}
        </Space>
      )}
      <ProjectModal
        open={editing !== null}
        branchId={branch.id}
        year={year}
        project={editing?.project ?? null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          replace(saved);
          setEditing(null);
          message.success(`已保存书记项目“${saved.title}”`);
        }}
      />
      {itemFor ? (
        <ProjectItemModal
          project={list.find((p) => p.id === itemFor.project.id) ?? itemFor.project}
          target={itemFor.target}
          onClose={() => setItemFor(null)}
          onSaved={(saved) => {
            replace(saved);
            setItemFor(null);
            message.success(`已保存${itemFor.target.kind}`);
          }}
        />
      ) : null}
    </div>
  );
}
