import { Tooltip } from 'antd';
import type { ComplianceCell, ComplianceReport } from '../../../../electron/api/index.ts';
import { cellText, cellTitle, periodSpan, STATE_LABELS } from './heatmap.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function HeatmapLegend() {
  return (
    <div className="heatmap-legend">
      {(['ok', 'missing', 'pending', 'not-applicable'] as const).map((state) => (
        <span key={state}>
          <i className={`heat-swatch heat-${state}`} /> {STATE_LABELS[state]}
        </span>
      ))}
    </div>
  );
}

/**
 * The year as a picture: a row per rule, a column per month; quarterly and yearly rules span their months.
 * Each cell is coloured by its state and carries held/required.
 */
export function ComplianceHeatmap({
  report,
  compact = false,
  onCellClick,
}: {
  report: ComplianceReport;
  compact?: boolean;
  onCellClick?: (cell: ComplianceCell) => void;
}) {
  const currentYear = report.asOf.startsWith(String(report.year));
  const currentMonth = currentYear ? Number(report.asOf.slice(5, 7)) : 0;
  const byRule = new Map<string, ComplianceCell[]>();
  for (const cell of report.cells) byRule.set(cell.ruleId, [...(byRule.get(cell.ruleId) ?? []), cell]);

  return (
    <figure className={`heatmap${compact ? ' heatmap-compact' : ''}`} aria-label={`${report.year}年合规日历`}>
      <div className="heatmap-corner">{compact ? '' : '规定'}</div>
      {MONTHS.map((month) => (
        <div key={month} className={`heatmap-month${month === currentMonth ? ' heatmap-month-current' : ''}`}>
          {month}月
        </div>
      ))}
      {report.rules.map((rule, index) => {
        const row = index + 2;
        return [
          <div
            key={`${rule.id}-label`}
            className="heatmap-label"
            style={{ gridRow: row }}
            title={`${rule.label}：${rule.frequency}\n依据：${rule.source}`}
          >
            <span className="heatmap-rule">{rule.label}</span>
            {compact ? null : <span className="heatmap-frequency">{rule.frequency}</span>}
          </div>,
          ...(byRule.get(rule.id) ?? []).map((cell) => {
            const { start, span } = periodSpan(cell.period);
            const title = cellTitle(cell, rule.label);
            const props = {
              'data-rule': cell.ruleId,
              'data-period': cell.period,
              'data-state': cell.state,
              className: `heat-cell heat-${cell.state}${onCellClick ? ' heat-clickable' : ''}`,
              style: { gridRow: row, gridColumn: `${start + 1} / span ${span}` },
            };
            const text = compact && span === 1 ? null : cellText(cell);
            return (
              <Tooltip key={`${cell.ruleId}-${cell.period}`} title={title} mouseEnterDelay={0.2}>
                {onCellClick ? (
                  <button type="button" aria-label={title} onClick={() => onCellClick(cell)} {...props}>
                    {text}
                  </button>
                ) : (
                  <div {...props}>{text}</div>
                )}
              </Tooltip>
            );
          }),
        ];
      })}
    </figure>
  );
}
