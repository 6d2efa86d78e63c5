import { Empty, Progress, Table, Tag } from 'antd';
import type { ComplianceReport } from '../../../../electron/api/index.ts';
import { PlainList } from '../../components/PlainList.tsx';

interface FindingGroup {
  ruleId: string;
  label: string;
  source: string;
  severity: 'error' | 'warning';
  messages: string[];
}

const EXTRA_LABELS: Record<string, string> = { 'DUES-01': '党费' };

/** Findings grouped by rule: the rule, its source once, and every gap it names (2026年3月 缺支委会 …). */
function groupFindings(report: ComplianceReport): FindingGroup[] {
  const labels = new Map(report.rules.map((rule) => [rule.id, rule.label]));
  const groups = new Map<string, FindingGroup>();
  for (const finding of report.findings) {
    const key = `${finding.ruleId}|${finding.source}`;
    const group = groups.get(key) ?? {
      ruleId: finding.ruleId,
      label: labels.get(finding.ruleId) ?? EXTRA_LABELS[finding.ruleId] ?? finding.ruleId,
      source: finding.source,
      severity: finding.severity,
      messages: [],
    };
    if (finding.severity === 'error') group.severity = 'error';
    group.messages.push(finding.message);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
}

export function FindingsList({ report }: { report: ComplianceReport }) {
  const groups = groupFindings(report);
  return (
    <PlainList
      empty={
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${report.year}年截至 ${report.asOf} 没有发现问题`} />
      }
      items={groups.map((group) => ({
        key: `${group.ruleId}-${group.source}`,
        title: (
          <div className="finding-group">
            <div className="finding-head">
              <Tag color={group.severity === 'error' ? 'error' : 'warning'}>
                {group.severity === 'error' ? '缺项' : '提醒'}
              </Tag>
              <strong>{group.label}</strong>
              <span className="muted">{group.messages.length} 项</span>
            </div>
            <ul className={`finding-messages finding-${group.severity}`}>
              {group.messages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        ),
        description: `依据：${group.source}`,
      }))}
    />
  );
}

type HoursRow = ComplianceReport['studyHours'][number];

export function StudyHoursList({ report }: { report: ComplianceReport }) {
  const rows = [...report.studyHours].sort(
    (a, b) => a.hours / (a.required || 1) - b.hours / (b.required || 1) || a.name.localeCompare(b.name, 'zh-CN'),
  );
  return (
    <Table<HoursRow>
      className="study-hours-table"
      rowKey="memberId"
      size="small"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度没有在册党员" /> }}
      columns={[
        { title: '党员', dataIndex: 'name', width: 110 },
        {
          title: '学时 / 应达',
          key: 'hours',
          width: 120,
          render: (_, row) => (
            <span className={row.hours >= row.required ? undefined : 'hours-short'}>
              {row.hours} / {row.required}
            </span>
          ),
        },
        {
          title: '进度',
          key: 'progress',
          render: (_, row) => (
            <Progress
              percent={row.required > 0 ? Math.min(100, Math.round((row.hours / row.required) * 100)) : 100}
              size="small"
              status={row.hours >= row.required ? 'success' : 'normal'}
              format={(percent) => `${percent}%`}
            />
          ),
        },
        {
          title: '要求',
          key: 'kind',
          width: 96,
          render: (_, row) => (row.required > 32 ? <Tag color="volcano">书记/支委</Tag> : <Tag>党员</Tag>),
        },
      ]}
    />
  );
}
