import { ImportOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '../../api/useQuery.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PlainList } from '../../components/PlainList.tsx';
import { CalendarCard, MonthTodoCard, RecentRecordsCard } from '../compliance/HomePanels.tsx';
import { groupsOf } from './orgTree.ts';
import { RemindersCard } from './RemindersCard.tsx';

export function BranchHome() {
  const { branch } = useBranch();
  const { units } = useLedger();
  const navigate = useNavigate();
  const members = useQuery('member.list', { branchId: branch.id });
  const recent = useQuery('audit.recent', { limit: 8 });
  const year = dayjs().year();
  const compliance = useQuery('compliance.year', { branchId: branch.id, year });
  const supervision = useQuery('routine.supervision', { branchId: branch.id });
  const dues = useQuery('dues.sheet', { branchId: branch.id, year });
  const meetings = useQuery('life.list', { branchId: branch.id, year });
  const base = `/branch/${branch.id}`;
  const onRoll = useMemo(() => (members.data ? new Set(members.data.map((row) => row.id)) : null), [members.data]);

  const counts = useMemo(() => {
    const rows = members.data ?? [];
    return {
      total: rows.length,
      full: rows.filter((row) => row.membership === '正式党员').length,
      probationary: rows.filter((row) => row.membership === '预备党员').length,
    };
  }, [members.data]);
  const groups = groupsOf(units, branch.id).length;

  const stats = [
    { key: 'total', title: '党员总数', value: counts.total },
    { key: 'full', title: '正式党员', value: counts.full },
    { key: 'probationary', title: '预备党员', value: counts.probationary },
    { key: 'groups', title: '党小组', value: groups },
  ];

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {branch.name}
        </Typography.Title>
        <Space>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => navigate('roster?action=add')}>
            新增党员
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => navigate('roster?action=import')}>
            导入花名册
          </Button>
        </Space>
      </div>
      <ApiErrorAlert error={members.error} onRetry={members.reload} />
      <Row gutter={[16, 16]}>
        {stats.map((stat) => (
          <Col key={stat.key} xs={12} lg={6}>
            <Card className="stat-card" data-testid={`stat-${stat.key}`}>
              <Statistic title={stat.title} value={stat.value} loading={members.loading && !members.data} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <MonthTodoCard base={base} compliance={compliance} supervision={supervision} dues={dues} onRoll={onRoll} />
        </Col>
        <Col xs={24} xl={12}>
          <RecentRecordsCard base={base} meetings={meetings} />
        </Col>
        <Col span={24}>
          <RemindersCard base={base} branchId={branch.id} />
        </Col>
        <Col span={24}>
          <CalendarCard base={base} compliance={compliance} />
        </Col>
      </Row>
      <Card title="最近变动" size="small" style={{ marginTop: 16 }}>
        <ApiErrorAlert error={recent.error} onRetry={recent.reload} />
        {recent.loading && !recent.data ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : (
          <PlainList
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有任何变动记录" />}
            items={(recent.data ?? []).map((entry) => ({
              key: entry.id,
              title: entry.summary,
              description: `${formatDateTime(entry.at)} · ${entry.actor}`,
            }))}
          />
        )}
      </Card>
    </div>
  );
}
