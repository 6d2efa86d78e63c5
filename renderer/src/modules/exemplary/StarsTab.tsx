import { App, Button, Collapse, Empty, Segmented, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { DisqualifierHit, ExemplaryScheme, StarBoard, StarRow } from '../../../../electron/api/index.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { type StepKind, StepModal } from './StepModal.tsx';
import { StarTag, starFigure, starName } from './shared.tsx';

/** The periods of a year under the scheme's cadence: 2026 (年度) or 2026-H1 / 2026-H2. */
function periodsOf(scheme: ExemplaryScheme | undefined, year: number): Array<{ value: string; label: string }> {
  if (scheme?.period === '年度') return [{ value: String(year), label: `${year}年度` }];
  return [
    { value: `${year}-H1`, label: '上半年' },
    { value: `${year}-H2`, label: '下半年' },
  ];
}

function currentPeriod(scheme: ExemplaryScheme | undefined, year: number): string {
  if (scheme?.period === '年度') return String(year);
  return year === dayjs().year() && dayjs().month() < 6 ? `${year}-H1` : `${year}-H2`;
}

function Disqualifiers({ hits }: { hits: DisqualifierHit[] }) {
  if (hits.length === 0) return <span className="muted">无</span>;
  return (
    <ul className="ex-hits" data-testid="disqualifiers">
      {hits.map((hit) => (
        <li key={hit.id}>
          <Tooltip title={`规则：${hit.rule}`}>
            <span className="ex-hit-reason">{hit.reason}</span>
          </Tooltip>
          {hit.evidence.length > 0 ? (
            <span className="ex-hit-evidence">
              {hit.evidence.map((e) => (e.date ? `${e.date} ${e.label}` : e.label)).join('；')}
            </span>
          ) : null}
          <span className="ex-hit-rule">规则：{hit.rule}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * 星级评定 of one period: each member's 自评, 互评 and 支部评定 in order, the disqualifiers the ledger shows
 * with their records, and the scale and the rules for reference.
 */
export function StarsTab({
  branchId,
  year,
  scheme,
}: {
  branchId: number;
  year: number;
  scheme: ExemplaryScheme | undefined;
}) {
  const { message } = App.useApp();
  const periods = periodsOf(scheme, year);
  const [picked, setPicked] = useState<string | null>(null);
  const period = picked && periods.some((p) => p.value === picked) ? picked : currentPeriod(scheme, year);
  const query = useQuery('exemplary.stars', scheme ? { branchId, period } : null);
  const [fresh, setFresh] = useState<{ base: StarBoard | undefined; board: StarBoard } | null>(null);
  const board = (fresh?.base === query.data ? fresh?.board : undefined) ?? query.data;
  const [open, setOpen] = useState<{ step: StepKind; memberId: number } | null>(null);
  const openRow = board?.rows.find((r) => r.memberId === open?.memberId) ?? null;
  const manual = scheme?.disqualifiers.find((d) => d.manual);

  const stepButton = (row: StarRow, step: StepKind, enabled: boolean, hint: string) => (
    <Tooltip title={enabled ? undefined : hint}>
      <Button size="small" disabled={!enabled} onClick={() => setOpen({ step, memberId: row.memberId })}>
        {step === '支部评定' ? '评定' : step}
      </Button>
    </Tooltip>
  );

  const columns: TableColumnsType<StarRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 110,
      render: (name: string, row) => (
        <div>
          <strong>{name}</strong>
          {row.posts.map((p) => (
            <div key={p} className="ex-post-line">
              {p}
            </div>
          ))}
        </div>
      ),
    },
    {
      title: '承诺践诺',
      key: 'commitments',
      width: 100,
      render: (_, row) =>
        row.commitments.total === 0 ? (
          <span className="muted">未登记</span>
        ) : (
          <span>
            {row.commitments.total} 条
            <div className="ex-post-line">
              已践诺 {row.commitments.kept}
              {row.commitments.broken > 0 ? <span className="ex-broken">，未践诺 {row.commitments.broken}</span> : null}
            </div>
          </span>
        ),
    },
    {
      title: '① 自评',
      key: 'self',
      width: 110,
      render: (_, row) =>
        row.selfStars !== null && row.stage !== '自评' ? (
          <span>{starName(scheme, row.selfStars)}</span>
        ) : row.selfStars !== null ? (
          <button
            type="button"
            className="link-button"
            title="修改自评"
            onClick={() => setOpen({ step: '自评', memberId: row.memberId })}
          >
            {starName(scheme, row.selfStars)}
          </button>
        ) : (
          stepButton(row, '自评', true, '')
        ),
    },
    {
      title: '② 互评',
      key: 'peer',
      width: 110,
      render: (_, row) =>
        row.peerStars !== null ? (
          <span title={row.peerVotes ? `${row.peerVotes.length} 票：${row.peerVotes.join('、')}` : undefined}>
            {starFigure(row.peerStars)}
            {row.peerVotes ? <span className="muted">（{row.peerVotes.length} 票）</span> : null}
          </span>
        ) : (
          stepButton(row, '互评', row.stage === '自评', '请先完成自评')
        ),
    },
    {
      title: '③ 支部评定',
      key: 'decided',
      width: 150,
      render: (_, row) =>
        row.decidedStars !== null ? (
          <span>
            <StarTag scheme={scheme} stars={row.decidedStars} />
            <div className="muted ex-date">{row.decidedOn}</div>
          </span>
        ) : (
          <span className="ex-decide">
            {stepButton(row, '支部评定', row.stage === '互评', row.stage ? '请先完成互评' : '请先完成自评和互评')}
            {row.disqualifiers.length > 0 ? <Tag color="error">不得评星</Tag> : null}
          </span>
        ),
    },
    {
      title: '否决情形（据台账）',
      key: 'disqualifiers',
      render: (_, row) => <Disqualifiers hits={row.disqualifiers} />,
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, row) =>
        manual && row.stage !== '支部评定' ? (
          <Button
            size="small"
            type="link"
            className="ex-check-link"
            onClick={() => setOpen({ step: '否决情形', memberId: row.memberId })}
          >
            {row.disqualifiers.some((d) => d.manual) ? '修改否决情形' : '登记否决情形'}
          </Button>
        ) : null,
    },
  ];

  const rows = board?.rows ?? [];
  const decided = rows.filter((r) => r.stage === '支部评定').length;
  const blocked = rows.filter((r) => r.disqualifiers.length > 0).length;
  return (
    <div>
      <div className="ex-tab-head">
        <div className="ex-period">
          {periods.length > 1 ? (
            <Segmented aria-label="评定周期" value={period} onChange={(v) => setPicked(String(v))} options={periods} />
          ) : null}
          <Typography.Text type="secondary">
            {board ? `${board.periodLabel}（${board.from} 至 ${board.to}）` : ''}
            {rows.length > 0 ? `：${rows.length} 人，已评定 ${decided} 人，存在否决情形 ${blocked} 人` : ''}
          </Typography.Text>
        </div>
        <Typography.Text type="secondary">按 自评 → 互评 → 支部评定 的顺序进行</Typography.Text>
      </div>
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      <Table<StarRow>
        size="small"
        rowKey="memberId"
        loading={query.loading && !board}
        columns={columns}
        dataSource={rows}
        data-testid="stars-table"
        rowClassName={(row) => (row.disqualifiers.length > 0 ? 'ex-row-blocked' : '')}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description="本期花名册中没有党员。请先在“党员花名册”中登记党员，再进行星级评定。"
            />
          ),
        }}
      />
      {scheme ? (
        <Collapse
          className="ex-legend"
          size="small"
          items={[
            {
              key: 'legend',
              label: `评星标准与否决条件（${scheme.name}）`,
              children: (
                <div className="ex-legend-body">
                  <ul>
                    {scheme.stars.map((s) => (
                      <li key={s.stars}>
                        <StarTag scheme={scheme} stars={s.stars} /> <strong>{s.name}</strong>：{s.criteria}
                      </li>
                    ))}
                  </ul>
                  <p>有下列情形之一的，本期不得评星：</p>
                  <ul>
                    {scheme.disqualifiers.map((d) => (
                      <li key={d.id}>
                        {d.rule}
                        {d.manual ? '（由支部登记）' : '（据台账自动判断）'}
                        <span className="muted">　依据：{d.source}</span>
                      </li>
                    ))}
                  </ul>
                  {scheme.example ? <p className="muted">{scheme.issuer}。</p> : null}
                </div>
              ),
            },
          ]}
        />
      ) : null}
      <StepModal
        step={open && openRow ? open.step : null}
        row={openRow}
        branchId={branchId}
        period={period}
        periodLabel={board?.periodLabel ?? ''}
        scheme={scheme}
        onClose={() => setOpen(null)}
        onSaved={(next, text) => {
          setFresh({ base: query.data, board: next });
          setOpen(null);
          message.success(text);
        }}
      />
    </div>
  );
}
