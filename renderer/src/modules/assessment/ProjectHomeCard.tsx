import { Card, Empty, Progress, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { lateCount } from './shared.tsx';
import './projects.css';

/**
 * This year's 书记项目 progress for the branch home page (issue 5: "progress shows on the home page"):
 * targets met, problems closed and overdue entries per project, linking to the 书记项目 page.
 */
export function ProjectHomeCard({ branchId }: { branchId: number }) {
  const year = dayjs().year();
  const query = useQuery('project.list', { branchId, year });
  const projects = query.data ?? [];
  return (
    <Card
      size="small"
      title={`${year}年书记项目`}
      extra={<Link to={`/branch/${branchId}/projects?year=${year}`}>查看清单</Link>}
      data-testid="project-home-card"
    >
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      {!query.data && query.loading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : projects.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年还没有书记项目" />
      ) : (
        projects.map((project) => {
          const { targets, targetsMet, problems, problemsClosed } = project.progress;
          const late = lateCount(project);
          return (
            <div key={project.id} className="pj-home">
              <div className="pj-home-title">
                {project.title}
                {late > 0 ? <span className="pj-late"> · {late} 项逾期</span> : null}
              </div>
              <div className="pj-home-bars">
                <span>
                  目标达成 {targetsMet}/{targets}
                </span>
                <Progress percent={targets ? Math.round((targetsMet / targets) * 100) : 0} size="small" />
                <span>
                  问题销号 {problemsClosed}/{problems}
                </span>
                <Progress percent={problems ? Math.round((problemsClosed / problems) * 100) : 0} size="small" />
              </div>
            </div>
          );
        })
      )}
    </Card>
  );
}
