import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CommentOutlined,
  DatabaseOutlined,
  FileWordOutlined,
  FlagOutlined,
  FundViewOutlined,
  HomeOutlined,
  IdcardOutlined,
  MoneyCollectOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { rememberBranch } from '../modules/org/orgTree.ts';
import { BranchSwitcher } from './BranchSwitcher.tsx';
import { useLedger } from './LedgerContext.tsx';
import type { BranchContext } from './useBranch.ts';

const { Header, Sider, Content } = Layout;

/** The modules of a branch, in the order a clerk works through them. */
const MODULES = [
  { key: '', label: '首页', icon: <HomeOutlined /> },
  { key: 'life', label: '组织生活', icon: <FlagOutlined /> },
  { key: 'talks', label: '谈心谈话', icon: <CommentOutlined /> },
  { key: 'routine', label: '计划与督办', icon: <ScheduleOutlined /> },
  { key: 'dues', label: '党费', icon: <MoneyCollectOutlined /> },
  { key: 'compliance', label: '合规日历', icon: <CalendarOutlined /> },
  { key: 'duties', label: '支委分工', icon: <ClusterOutlined /> },
  { key: 'projects', label: '书记项目', icon: <ProjectOutlined /> },
  { key: 'points', label: '党员积分', icon: <StarOutlined /> },
  { key: 'exemplary', label: '示范岗与承诺', icon: <IdcardOutlined /> },
  { key: 'assessment', label: '考核管理', icon: <TrophyOutlined /> },
  { key: 'roster', label: '党员花名册', icon: <TeamOutlined /> },
  { key: 'development', label: '发展党员', icon: <SolutionOutlined /> },
  { key: 'elections', label: '换届选举', icon: <AuditOutlined /> },
  { key: 'org', label: '组织设置', icon: <ApartmentOutlined /> },
  { key: 'data', label: '数据与备份', icon: <DatabaseOutlined /> },
  { key: 'rules', label: '规则设置', icon: <SettingOutlined /> },
  { key: 'documents', label: '文档设置', icon: <FileWordOutlined /> },
];

export function AppLayout() {
  const { units, info } = useLedger();
  const { branchId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const branch = units.find((unit) => unit.id === Number(branchId) && unit.kind === '党支部');
  const committee = units.find((unit) => unit.kind === '党委');

  useEffect(() => {
    if (branch) rememberBranch(branch.id);
  }, [branch]);

  const section = location.pathname.split('/')[3] ?? '';
  const context = useMemo<BranchContext | null>(() => (branch ? { branch } : null), [branch]);

  if (info?.needsSetup) return <Navigate to="/setup" replace />;
  if (!branch || !context) return <Navigate to="/" replace />;

  const switchBranch = (nextId: number) => {
    navigate(`/branch/${nextId}${section ? `/${section}` : ''}`);
  };

  return (
    <Layout className="app-shell">
      <Header className="app-header">
        <div className="app-title">
          <span className="app-emblem" aria-hidden="true" />
          <span>党支部工作台账</span>
        </div>
        <div className="app-header-branch">
          {committee ? (
            <Typography.Text type="secondary" className="app-committee">
              {committee.name}
            </Typography.Text>
          ) : null}
          <Button
            icon={<FundViewOutlined />}
            data-testid="open-committee-overview"
            onClick={() => navigate(`/committee/overview?from=${branch.id}`)}
          >
            党委汇总
          </Button>
          <BranchSwitcher units={units} value={branch.id} onChange={switchBranch} />
        </div>
      </Header>
      <Layout className="app-body">
        <Sider width={200} className="app-sider" breakpoint="lg" collapsedWidth={64}>
          <Menu
            mode="inline"
            selectedKeys={[section]}
            items={MODULES.map((module) => ({ key: module.key, icon: module.icon, label: module.label }))}
            onClick={({ key }) => navigate(`/branch/${branch.id}${key ? `/${key}` : ''}`)}
          />
        </Sider>
        <Content className="app-content">
          <Outlet context={context} />
        </Content>
      </Layout>
    </Layout>
  );
}
