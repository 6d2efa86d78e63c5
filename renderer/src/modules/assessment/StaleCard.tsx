import { Card, Table, Tag } from 'antd';
import type { AssessmentResult } from '../../../../electron/api/index.ts';
import { pts } from './shared.tsx';

type Stale = AssessmentResult['stale'][number];

/**
 * Scores and vetoes kept from an earlier 考核细则 for items the rubric in force no longer has: shown so
 * nothing the assessor entered disappears, and marked 不在当前细则 because they count for nothing.
 */
export function StaleCard({ result }: { result: AssessmentResult }) {
  if (result.stale.length === 0) return null;
  return (
    <Card
      size="small"
      title={
        <span>
          原细则的评分 <Tag color="default">不在当前细则</Tag>
        </span>
      }
      className="as-stale"
      data-testid="as-stale"
    >
      <div className="muted as-stale-note">
        以下评分或否决项是按原考核细则录入的，当前细则中已没有这些项目，保留在记录中，不计入总分和等级。
      </div>
      <Table<Stale>
        size="small"
        pagination={false}
        rowKey={(row) => `${row.kind}-${row.itemId}`}
        dataSource={result.stale}
        columns={[
          { title: '编号', dataIndex: 'itemId', width: 80 },
          { title: '类别', dataIndex: 'kind', width: 80 },
          {
            title: '原评分',
            dataIndex: 'points',
            width: 80,
            align: 'right',
            render: (value: number | null) => (value === null ? '—' : `${pts(value)} 分`),
          },
          { title: '说明 / 否决理由', dataIndex: 'comment', render: (value: string | null) => value ?? '—' },
          { title: '状态', dataIndex: 'reason', width: 200, render: (value: string) => <Tag>{value}</Tag> },
        ]}
      />
    </Card>
  );
}
