import { Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { ComplianceHeatmap, HeatmapLegend } from './ComplianceHeatmap.tsx';
import { FindingsList, StudyHoursList } from './ComplianceLists.tsx';
import { kindOfRule } from './heatmap.ts';

/** 合规日历: what the rules require this year, what was held, and every gap named. */
export function CompliancePage() {
  const { branch } = useBranch();
  const navigate = useNavigate();
  const [year, setYear] = useYearParam();
  const report = useQuery('compliance.year', { branchId: branch.id, year });
  const data = report.data?.year === year ? report.data : undefined;

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          合规日历
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
        </Space>
      </div>
      <ApiErrorAlert error={report.error} onRetry={report.reload} />
      {!data ? (
        report.error ? null : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            size="small"
            title={`${year}年 三会一课及组织生活`}
            extra={
              <span className="muted">
                截至 {data.asOf} · 规则集 {data.ruleSet.version}
              </span>
            }
          >
            <ComplianceHeatmap
              report={data}
              onCellClick={(cell) => {
                const kind = kindOfRule(cell.ruleId);
                if (kind) navigate(`/branch/${branch.id}/life?year=${year}&kind=${encodeURIComponent(kind)}`);
                else if (cell.ruleId === 'MTG-08') navigate(`/branch/${branch.id}/talks?year=${year}`);
              }}
            />
            <HeatmapLegend />
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={13}>
              <Card size="small" title={`发现的问题（${data.findings.length}）`} className="findings-card">
                <FindingsList report={data} />
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <Card size="small" title="集中学习培训学时" className="hours-card">
                <StudyHoursList report={data} />
              </Card>
            </Col>
          </Row>
        </Space>
      )}
    </div>
  );
}
