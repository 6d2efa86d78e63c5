import { Button, Card, Collapse, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { AssessmentResult, ItemScore } from '../../../../electron/api/index.ts';
import { ManualScoreEditor } from './ManualScoreEditor.tsx';
import { criteriaOf, evidenceHref, pts } from './shared.tsx';

const EVIDENCE_SHOWN = 4;

function EvidenceList({ branchId, year, item }: { branchId: number; year: number; item: ItemScore }) {
  const [all, setAll] = useState(false);
  if (item.evidence.length === 0) return null;
  const shown = all ? item.evidence : item.evidence.slice(0, EVIDENCE_SHOWN);
  return (
    <div className="as-evidence">
      <span className="as-evidence-label">依据记录：</span>
      {shown.map((evidence) => {
        const href = evidenceHref(branchId, year, evidence);
        return (
          <span key={`${evidence.kind}-${evidence.id}`} className="as-evidence-item">
            {href ? <Link to={href}>{evidence.label}</Link> : evidence.label}
          </span>
        );
      })}
      {item.evidence.length > EVIDENCE_SHOWN ? (
        <button type="button" className="link-button as-evidence-more" onClick={() => setAll(!all)}>
          {all ? '收起' : `展开全部 ${item.evidence.length} 条`}
        </button>
      ) : null}
    </div>
  );
}

function ScoreCell({ item }: { item: ItemScore }) {
  if (item.points === null) {
    return (
      <div className="as-item-score">
        <Tag color="orange">待评分</Tag>
        <div className="as-item-max">满分 {pts(item.maxPoints)}</div>
      </div>
    );
  }
  const lost = item.maxPoints - item.points;
  return (
    <div className="as-item-score">
      <span className={`as-points${lost > 0 ? ' as-points-lost' : ''}`}>{pts(item.points)}</span>
      <span className="as-item-max"> / {pts(item.maxPoints)}</span>
      {lost > 0 && item.mode === 'auto' ? <div className="as-lost">失 {pts(lost)} 分</div> : null}
    </div>
  );
}

function ItemRow({
  result,
  item,
  readOnly,
  onSaved,
}: {
  result: AssessmentResult;
  item: ItemScore;
  readOnly: boolean;
  onSaved: (result: AssessmentResult) => void;
}) {
  const criteria = item.mode === 'manual' ? criteriaOf(item) : null;
  return (
    <div className="as-item" data-testid={`item-${item.itemId}`} data-mode={item.mode}>
      <div className="as-item-title">
        <span className="as-item-id">{item.itemId}</span>
        <span>{item.title}</span>
        <div className="as-item-tags">
          <Tag color={item.mode === 'auto' ? 'blue' : 'purple'} variant="outlined">
            {item.mode === 'auto' ? '自动' : '人工'}
          </Tag>
          <span className="muted small">满分 {pts(item.maxPoints)}</span>
        </div>
      </div>
      <ScoreCell item={item} />
      <div className="as-item-detail">
        {item.flag ? (
          <div className="as-item-flag" role="alert">
            {item.flag}
          </div>
        ) : null}
        {item.mode === 'auto' ? (
          <>
            <div className="as-explanation">{item.explanation}</div>
            <EvidenceList branchId={result.branchId} year={result.year} item={item} />
          </>
        ) : (
          <>
            {criteria ? (
              <div className="as-criteria">评分标准：{criteria}</div>
            ) : (
              <div className="as-explanation">{item.explanation}</div>
            )}
            {readOnly ? (
              item.comment ? (
                <div className="as-comment">评分说明：{item.comment}</div>
              ) : null
            ) : (
              <ManualScoreEditor branchId={result.branchId} year={result.year} item={item} onSaved={onSaved} />
            )}
          </>
        )}
      </div>
    </div>
  );
}

/** The rubric's items grouped by category, each category collapsible with its subtotal. */
export function ScoreSheet({
  result,
  readOnly,
  onSaved,
}: {
  result: AssessmentResult;
  readOnly: boolean;
  onSaved: (result: AssessmentResult) => void;
}) {
  const categories = useMemo(() => {
    const order: string[] = [];
    const byName = new Map<string, ItemScore[]>();
    for (const item of result.items) {
      if (!byName.has(item.category)) order.push(item.category);
      byName.set(item.category, [...(byName.get(item.category) ?? []), item]);
    }
    return order.map((name) => {
      const items = byName.get(name) ?? [];
      return {
        name,
        items,
        points: items.reduce((sum, i) => sum + (i.points ?? 0), 0),
        max: items.reduce((sum, i) => sum + i.maxPoints, 0),
        pending: items.filter((i) => i.points === null).length,
      };
    });
  }, [result.items]);
  const [open, setOpen] = useState<string[] | null>(null);
  const openKeys = open ?? categories.map((c) => c.name);
  const autoCount = result.items.filter((i) => i.mode === 'auto').length;

  return (
    <Card
      size="small"
      title="评分表"
      className="as-sheet"
      extra={
        <span className="as-sheet-extra">
          <span className="muted">
            自动计分 {autoCount} 项 · 人工评分 {result.items.length - autoCount} 项
            {result.pendingItems > 0 ? ` · 待评 ${result.pendingItems} 项` : ''}
          </span>
          <Button
            size="small"
            type="link"
            onClick={() => setOpen(openKeys.length === categories.length ? [] : categories.map((c) => c.name))}
          >
            {openKeys.length === categories.length ? '全部收起' : '全部展开'}
          </Button>
        </span>
      }
    >
      <Collapse
        activeKey={openKeys}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
        className="as-categories"
        styles={{ body: { padding: '0 12px' } }}
        items={categories.map((category) => ({
          key: category.name,
          label: (
            <span className="as-category-label">
              <strong>{category.name}</strong>
              <span className="as-category-points">
                {pts(category.points)} / {pts(category.max)} 分
              </span>
              {category.pending > 0 ? <Tag color="orange">{category.pending} 项待评分</Tag> : null}
            </span>
          ),
          children: category.items.map((item) => (
            <ItemRow key={item.itemId} result={result} item={item} readOnly={readOnly} onSaved={onSaved} />
          )),
        }))}
      />
    </Card>
  );
}
