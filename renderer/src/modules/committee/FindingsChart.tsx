import { Tooltip } from 'antd';
import { type CommitteeBranchRow, FINDING_GROUPS, type FindingGroup } from '../../../../electron/api/index.ts';

export const GROUP_COLORS: Record<FindingGroup, string> = {
  组织生活: '#c8102e',
  党费: '#d97706',
  发展党员: '#7c3aed',
  换届: '#0369a1',
  其他: '#6b7280',
};

/**
 * Each branch's findings as one horizontal bar split by group, on a common axis, worst first: the
 * auditor sees at a glance where to look. CSS only (no chart library, nothing fetched).
 */
export function FindingsChart({ rows }: { rows: CommitteeBranchRow[] }) {
  const sorted = [...rows].sort((a, b) => b.findings.total - a.findings.total);
  const max = Math.max(1, ...sorted.map((r) => r.findings.total));
  return (
    <figure className="co-chart" aria-label="各党支部问题分布" data-testid="findings-chart">
      <div className="co-legend">
        {FINDING_GROUPS.map((group) => (
          <span key={group} className="co-legend-item">
            <span className="co-swatch" style={{ background: GROUP_COLORS[group] }} />
            {group}
          </span>
        ))}
      </div>
      {sorted.map((row) => (
        <div className="co-row" key={row.branchId}>
          <div className="co-name" title={row.branchName}>
            {row.branchName}
          </div>
          <div className="co-track">
            {row.findings.total === 0 ? (
              <span className="co-none">无问题</span>
            ) : (
              FINDING_GROUPS.filter((g) => row.findings.byGroup[g] > 0).map((group) => (
                <Tooltip key={group} title={`${group}：${row.findings.byGroup[group]} 条`}>
                  <span
                    className="co-seg"
                    style={{
                      width: `${(row.findings.byGroup[group] / max) * 100}%`,
                      background: GROUP_COLORS[group],
                    }}
                  />
                </Tooltip>
              ))
            )}
          </div>
          <div className="co-count">{row.findings.total}</div>
        </div>
      ))}
    </figure>
  );
}
