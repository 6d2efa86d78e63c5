import { CheckCircleOutlined, ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Card, Steps, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { AssessmentResult, RubricInfo } from '../../../../electron/api/index.ts';
import { nextTier, pts, STAGES, TierTag } from './shared.tsx';

function stageContent(result: AssessmentResult, stage: AssessmentResult['stage']): ReactNode {
  if (stage === '自评')
    return result.selfScoredAt ? `评分于 ${dayjs(result.selfScoredAt).format('YYYY-MM-DD')}` : '尚未评分';
  if (stage === '上级评审') return result.reviewedAt ? `提交于 ${result.reviewedAt.slice(0, 10)}` : '待提交';
  return result.publicity ? `${result.publicity.from} 至 ${result.publicity.to}` : '待公示';
}

/** What the heading of the blockers says: the tier the branch did not reach, in plain words. */
function blockersHeading(result: AssessmentResult, rubric: RubricInfo | undefined): string {
  if (result.vetoes.length > 0 && result.proposedTier === '未达标') return '未能评定等级的原因';
  const next = nextTier(rubric, result.proposedTier);
  if (next) return `未能评为${next}的原因`;
  return '评定说明';
}

function blockerIcon(text: string): ReactNode {
  if (text.startsWith('一票否决')) return <StopOutlined className="as-blocker-veto" />;
  return <ExclamationCircleOutlined className="as-blocker-icon" />;
}

/**
 * The head of a branch-year: where the assessment stands (自评 → 上级评审 → 已公示), the total out of
 * the rubric's maximum, the proposed tier beside last year's, and exactly what keeps it from the next tier.
 */
export function AssessmentSummary({
  result,
  rubric,
  actions,
}: {
  result: AssessmentResult;
  rubric: RubricInfo | undefined;
  actions: ReactNode;
}) {
  const current = STAGES.indexOf(result.stage);
  const top = !nextTier(rubric, result.proposedTier) && result.proposedTier !== '未达标';
  return (
    <Card size="small" className="as-summary">
      <div className="as-summary-top">
        <Steps
          size="small"
          className="as-steps"
          current={current}
          status={result.stage === '已公示' ? 'finish' : 'process'}
          items={STAGES.map((stage) => ({ title: stage, content: stageContent(result, stage) }))}
        />
        <div className="as-actions">{actions}</div>
      </div>
      <div className="as-summary-body">
        <div className="as-score-block" data-testid="as-total">
          <div className="as-label">总分</div>
          <div className="as-total">
            <span className="as-total-number">{pts(result.total)}</span>
            <span className="as-total-max">/ {pts(result.maxTotal)}</span>
          </div>
          {result.pendingItems > 0 ? (
            <div className="as-pending-note">另有 {result.pendingItems} 项未评分，按 0 分计</div>
          ) : null}
        </div>
        <div className="as-tier-block">
          <div className="as-label">{result.stage === '已公示' ? '评定等级' : '拟定等级'}</div>
          <div data-testid="as-tier">
            <TierTag tier={result.proposedTier} large />
          </div>
          <div className="as-previous">
            上年等级：
            <TierTag tier={result.previousTier} />
          </div>
        </div>
        <div className="as-blockers" data-testid="as-blockers">
          <div className="as-label">{blockersHeading(result, rubric)}</div>
          {result.blockers.length === 0 ? (
            <div className="as-blocker-none">
              <CheckCircleOutlined /> {top ? `已达到最高等级${result.proposedTier}的全部条件` : '没有未满足的条件'}
            </div>
          ) : (
            <ul className="as-blocker-list">
              {result.blockers.map((text) => (
                <li key={text}>
                  {blockerIcon(text)}
                  <span>{text}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="as-rubric-line">
        考核细则：{result.rubric.name}（{result.rubric.version} 版）
        {rubric?.example && rubric.id === result.rubric.id ? (
          <Tag color="warning" variant="outlined" className="as-example-tag">
            示例细则，请以上级党委正式细则为准
          </Tag>
        ) : null}
        <Link to={`/committee/rubric?from=${result.branchId}&year=${result.year}`} className="as-rubric-link">
          查看考核细则
        </Link>
      </div>
    </Card>
  );
}
