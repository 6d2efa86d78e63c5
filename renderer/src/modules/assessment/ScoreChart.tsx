import { Tooltip } from 'antd';
import type { RubricInfo } from '../../../../electron/api/index.ts';
import { pts, TIER_COLORS, type TierName } from './shared.tsx';

export interface ChartRow {
  key: number;
  name: string;
  total: number;
  tier: TierName;
  /** Last year's total, drawn as a tick on the bar; null when there is none. */
  previous: number | null;
}

const AXIS_STEPS = 5;

/**
 * Horizontal bars of the branches' totals on a 0…maximum axis, coloured by tier, with the rubric's tier
 * thresholds as dashed lines and last year's total as a tick. CSS only (no chart library).
 */
export function ScoreChart({ rows, rubric, max }: { rows: ChartRow[]; rubric: RubricInfo | undefined; max: number }) {
  const at = (value: number) => `${Math.max(0, Math.min(100, (value / max) * 100))}%`;
  const thresholds = rubric?.tiers ?? [];
  // Two thresholds closer than 9% of the axis would print over each other: drop every other label a line.
  const staggered: boolean[] = [];
  thresholds.forEach((t, i) => {
    const prev = thresholds[i - 1];
    const close = prev !== undefined && (t.minScore - prev.minScore) / max < 0.09;
    staggered.push(close && !staggered[i - 1]);
  });
  const ticks = Array.from({ length: AXIS_STEPS + 1 }, (_, i) => Math.round((max / AXIS_STEPS) * i));

  return (
    <figure className="sc-chart" aria-label="各支部得分与等级分数线" data-testid="score-chart">
      <div className="sc-row sc-head">
        <div className="sc-name" />
        <div className="sc-track sc-track-head">
          {thresholds.map((t, i) => (
            <span
              key={t.tier}
              className={`sc-threshold-label${staggered[i] ? ' sc-threshold-label-low' : ''}`}
              style={{ left: at(t.minScore), color: TIER_COLORS[t.tier] }}
              data-threshold={t.tier}
              data-min-score={t.minScore}
            >
              {t.tier} {pts(t.minScore)}
            </span>
          ))}
        </div>
      </div>
      <div className="sc-body">
        <div className="sc-lines" aria-hidden="true">
          {thresholds.map((t) => (
            <i key={t.tier} className="sc-line" style={{ left: at(t.minScore), borderColor: TIER_COLORS[t.tier] }} />
          ))}
        </div>
        {rows.map((row) => (
          <div key={row.key} className="sc-row" data-testid={`bar-${row.key}`}>
            <div className="sc-name" title={row.name}>
              {row.name}
            </div>
            <div className="sc-track">
              <Tooltip
                title={`${row.name}：${pts(row.total)} 分，${row.tier}${row.previous === null ? '' : `；上年 ${pts(row.previous)} 分`}`}
              >
                <div className="sc-bar" style={{ width: at(row.total), background: TIER_COLORS[row.tier] }} />
              </Tooltip>
              <span className="sc-value" style={{ left: at(row.total) }}>
                {pts(row.total)}
              </span>
              {row.previous === null ? null : (
                <i className="sc-previous" style={{ left: at(row.previous) }} title={`上年 ${pts(row.previous)} 分`} />
              )}
            </div>
          </div>
        ))}
      </div>
      <div className="sc-row sc-axis">
        <div className="sc-name" />
        <div className="sc-track">
          {ticks.map((tick) => (
            <span key={tick} className="sc-tick" style={{ left: at(tick) }}>
              {tick}
            </span>
          ))}
        </div>
      </div>
      <figcaption className="sc-legend">
        {[...thresholds.map((t) => t.tier as TierName).reverse(), '未达标' as const].map((tier) => (
          <span key={tier}>
            <i className="sc-swatch" style={{ background: TIER_COLORS[tier] }} /> {tier}
          </span>
        ))}
        <span>
          <i className="sc-previous-swatch" /> 上年得分
        </span>
        <span className="muted">虚线为等级分数线（取自考核细则）</span>
      </figcaption>
    </figure>
  );
}
