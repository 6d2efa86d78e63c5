import { BarChartOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { AssessmentResult } from '../../../../electron/api/index.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { AssessmentSummary } from './AssessmentSummary.tsx';
import { ScoreSheet } from './ScoreSheet.tsx';
import { ScoreSheetExportButton } from './ScoreSheetExportButton.tsx';
import { StageActions } from './StageActions.tsx';
import { StaleCard } from './StaleCard.tsx';
import { VetoCard } from './VetoCard.tsx';
import './assessment.css';

/**
 * 考核管理 of one branch-year: the proposed tier computed from the ledger and the assessor's scores,
 * why it is not higher, the score sheet item by item (records behind automatic items, manual scores
 * with comments), the veto items, and the steps 自评 → 上级评审 → 已公示.
 */
export function AssessmentPage() {
  const { branch } = useBranch();
  const navigate = useNavigate();
  const [year, setYear] = useYearParam();
  const query = useQuery('assessment.get', { branchId: branch.id, year });
  const rubric = useQuery('assessment.rubric', {});
  // Every write answers with the whole result: it stands until the next load replaces what it was based on.
  const [fresh, setFreshState] = useState<{ base: AssessmentResult | undefined; result: AssessmentResult } | null>(
    null,
  );
  const setFresh = (next: AssessmentResult) => setFreshState({ base: query.data, result: next });
  const pick = (r: AssessmentResult | null | undefined) =>
    r && r.branchId === branch.id && r.year === year ? r : null;
  const result = pick(fresh?.base === query.data ? fresh?.result : null) ?? pick(query.data);
  const readOnly = result?.stage === '已公示';

  return (
    <div className="page as-page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          考核管理 <span className="as-heading-sub">{branch.name}</span>
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <ScoreSheetExportButton branchId={branch.id} year={year} />
          <Button
            icon={<BarChartOutlined />}
            onClick={() => navigate(`/committee/assessment?year=${year}&from=${branch.id}`)}
          >
            各支部对比
          </Button>
          <Button onClick={() => navigate(`/committee/rubric?year=${year}&from=${branch.id}`)}>考核细则</Button>
        </Space>
      </div>
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      {!result ? (
        query.error ? null : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <AssessmentSummary
            result={result}
            rubric={rubric.data}
            actions={<StageActions result={result} onSaved={setFresh} />}
          />
          {readOnly && result.publicity ? (
            <Alert
              type="info"
              showIcon
              title={`本年度考核结果已于 ${result.publicity.from} 至 ${result.publicity.to} 公示，评分表只读。`}
            />
          ) : null}
          <ScoreSheet result={result} readOnly={readOnly} onSaved={setFresh} />
          <VetoCard result={result} rubric={rubric.data} readOnly={readOnly} onSaved={setFresh} />
          <StaleCard result={result} />
        </Space>
      )}
    </div>
  );
}
