import { Alert, Card, Descriptions, Table, Tag } from 'antd';
import type { ElectionDetail, ElectionTally } from '../../../../electron/api/index.ts';

type VoteRow = ElectionTally['votes'][number] & { rank: number };

function verdict(ok: boolean, yes: string, no: string) {
  return <Tag color={ok ? 'success' : 'error'}>{ok ? yes : no}</Tag>;
}

/** 选举结果报告单: everything the ledger computed from the 计票单, laid out as the paper form is. */
export function TallyReport({ election }: { election: ElectionDetail }) {
  const tally = election.tally;
  if (!tally) return null;
  const due = tally.due - tally.excluded.length;
  const valid = Math.max(0, tally.ballotsReturned - tally.invalidBallots);
  const elected = new Set(tally.elected.map((e) => `${e.memberId}:${e.name}`));
  const tied = new Set(tally.ties);
  const rows: VoteRow[] = [...tally.votes].sort((a, b) => b.yes - a.yes).map((v, i) => ({ ...v, rank: i + 1 }));
  const candidateOrder = new Map(election.candidates.map((c) => [c.memberId, c.order]));

  return (
    <Card size="small" title="选举结果报告单" className="el-report" data-testid="tally-report">
      <Descriptions
        size="small"
        bordered
        column={3}
        items={[
          { key: 'held', label: '选举日期', children: <span className="mono">{tally.heldOn}</span> },
          { key: 'seats', label: '应选名额', children: `${election.seats} 名` },
          { key: 'base', label: '当选票数基数', children: election.base },
          { key: 'voters', label: '有选举权的党员', children: `${tally.due} 人` },
          {
            key: 'excluded',
            label: '不计入应到会',
            span: 2,
            children:
              tally.excluded.length === 0
                ? '无'
                : tally.excluded.map((e) => `${e.name}（${e.reason}；上级同意 ${e.approvalRef}）`).join('；'),
          },
          { key: 'due', label: '应到会', children: `${due} 人` },
          { key: 'present', label: '实到会', children: `${tally.present} 人` },
          {
            key: 'attendance',
            label: '到会人数',
            children: verdict(tally.attendanceValid, '超过五分之四，会议有效', '未超过五分之四，不能选举'),
          },
          {
            key: 'ballots',
            label: '选票',
            span: 2,
            children: `发出 ${tally.ballotsIssued} 张，收回 ${tally.ballotsReturned} 张，无效 ${tally.invalidBallots} 张，有效 ${valid} 张`,
          },
          {
            key: 'batch',
            label: '选票有效性',
            children: verdict(tally.batchValid, '收回数不多于发出数，有效', '收回数多于发出数，无效'),
          },
          { key: 'threshold', label: '当选门槛', span: 3, children: `赞成票至少 ${tally.threshold} 票` },
        ]}
      />
      <Table<VoteRow>
        className="el-report-table"
        rowKey={(r) => `${r.memberId ?? 'x'}-${r.name}`}
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          {
            title: '姓名',
            key: 'name',
            render: (_, r) =>
              r.memberId === null ? (
                <span>
                  {r.name} <Tag>另选他人</Tag>
                </span>
              ) : (
                <span>
                  {r.name} <span className="muted el-small">（候选人 {candidateOrder.get(r.memberId) ?? ''} 号）</span>
                </span>
              ),
          },
          { title: '赞成票', dataIndex: 'yes', width: 90 },
          {
            title: '结果',
            key: 'result',
            width: 140,
            render: (_, r) =>
              elected.has(`${r.memberId}:${r.name}`) ? (
                <Tag color="red">当选</Tag>
              ) : tied.has(r.name) ? (
                <Tag color="warning">得票相等，须再次投票</Tag>
              ) : r.yes >= tally.threshold ? (
                <Tag>超过半数，名额已满</Tag>
              ) : (
                <span className="muted">未当选</span>
              ),
          },
        ]}
      />
      <div className="el-elected" data-testid="elected">
        <span className="muted">当选名单：</span>
        <strong>{tally.elected.length > 0 ? tally.elected.map((e) => e.name).join('、') : '无'}</strong>
      </div>
      {tally.ties.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`${tally.ties.join('、')} 得票相等，须在他们之间再次投票，得票多的当选`}
          style={{ marginTop: 8 }}
        />
      ) : null}
      {!tally.attendanceValid || !tally.batchValid ? (
        <Alert
          type="error"
          showIcon
          title={
            tally.attendanceValid
              ? '收回的选票多于发出的选票，本次选举无效，应重新投票'
              : '到会人数未超过应到会人数的五分之四，不能进行选举'
          }
          style={{ marginTop: 8 }}
        />
      ) : tally.shortfall > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`当选人数不足应选名额，尚差 ${tally.shortfall} 名，须另行选举`}
          style={{ marginTop: 8 }}
        />
      ) : null}
      <ul className="el-explanation" aria-label="计票说明">
        {tally.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="el-signature">
        监票人：{election.scrutineers.length > 0 ? election.scrutineers.map((s) => s.name).join('、') : '（未登记）'}
        <span className="muted">（签字）</span>
      </div>
    </Card>
  );
}
