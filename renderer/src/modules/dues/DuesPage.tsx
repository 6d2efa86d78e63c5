import { WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import type { DuesMemberYear, DuesSheet } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { PaymentModal, ProfileModal, RemitModal } from './DuesModals.tsx';
import { dueWindow, lastBegunMonth, money, owedBegunMonths } from './duesMonths.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function ArrearsTag({ streak }: { streak: number }) {
  if (streak <= 0) return null;
  return <Tag color={streak >= 6 ? 'error' : 'warning'}>连续 {streak} 个月未交</Tag>;
}

function columns(
  sheet: DuesSheet,
  owed: Map<number, Set<number>>,
  onPay: (row: DuesMemberYear, month: number) => void,
  onProfile: (row: DuesMemberYear) => void,
): ColumnsType<DuesMemberYear> {
  const begun = lastBegunMonth(sheet.year, sheet.asOf);
  return [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      fixed: 'start',
      width: 84,
      render: (name: string, row) => {
        const hints = row.flags.filter((flag) => !/^连续 \d+ 个月未交/.test(flag));
        return (
          <Space size={4}>
            <span>{name}</span>
            {hints.length > 0 && row.profile ? (
              <Tooltip
                title={
                  <ul className="error-details">
                    {hints.map((flag) => (
                      <li key={flag}>{flag}</li>
                    ))}
                  </ul>
                }
              >
                <WarningOutlined className="dues-hint" aria-label={`${name}的提示`} />
              </Tooltip>
            ) : null}
          </Space>
        );
      },
    },
    {
      title: '月交纳额',
      key: 'due',
      width: 118,
      render: (_, row) =>
        row.profile ? (
          <div className="dues-profile">
            <Tooltip title={row.profile.explanation}>
              <span className="dotted dues-amount">{money(row.profile.monthlyDue)}</span>
            </Tooltip>
            <div className="muted small">
              {row.profile.category}
              {row.profile.base !== null ? ` · ${money(row.profile.base)}` : ''}
            </div>
          </div>
        ) : (
          <Tag>未核定</Tag>
        ),
    },
    ...MONTHS.map((month) => ({
      title: `${month}月`,
      key: `m${month}`,
      width: 58,
      align: 'right' as const,
      className: `dues-month-cell${month === begun && sheet.year === Number(sheet.asOf.slice(0, 4)) ? ' dues-current-month' : ''}`,
      render: (_: unknown, row: DuesMemberYear) => {
        const paid = row.months[month - 1] ?? null;
        const due = row.profile?.monthlyDue ?? 0;
        const unpaid = paid === null && (owed.get(row.memberId)?.has(month) ?? false);
        const short = paid !== null && paid < due;
        const state = unpaid ? 'dues-unpaid' : short ? 'dues-short' : paid !== null ? 'dues-paid' : 'dues-empty';
        return (
          <button
            type="button"
            className={`dues-cell ${state}`}
            aria-label={`${row.name} ${month}月党费`}
            title={unpaid ? '应交未交，点此登记' : '点此登记'}
            onClick={() => onPay(row, month)}
          >
            {paid !== null ? money(paid) : unpaid ? '未交' : ''}
          </button>
        );
      },
    })),
    {
      title: '已交/应交',
      key: 'totals',
      width: 136,
      align: 'right',
      render: (_, row) => (
        <div>
          <div className={row.paidToDate < row.dueToDate ? 'hours-short' : undefined}>
            {money(row.paidToDate)} / {money(row.dueToDate)}
          </div>
          <ArrearsTag streak={row.arrearsStreak} />
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'end',
      width: 80,
      render: (_, row) => (
        <Button size="small" type="link" onClick={() => onProfile(row)}>
          核定基数
        </Button>
      ),
    },
  ];
}

/** 党费: the year's collection ledger of one branch — base, amount, 1–12 months, arrears and 上缴. */
export function DuesPage() {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const [year, setYear] = useYearParam();
  const sheet = useQuery('dues.sheet', { branchId: branch.id, year });
  const asOf = sheet.data?.asOf;
  const endDate = asOf && asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
  const atEnd = useQuery('member.list', { branchId: branch.id, asOf: endDate });
  const [windows, setWindows] = useState<Map<number, [number, number] | null>>(new Map());
  const [paying, setPaying] = useState<{ row: DuesMemberYear; month: number } | null>(null);
  const [profiling, setProfiling] = useState<DuesMemberYear | null>(null);
  const [remitting, setRemitting] = useState<{ month: number; paid: number } | null>(null);

  const data = sheet.data?.year === year ? sheet.data : undefined;
  const onRoll = useMemo(() => new Set((atEnd.data ?? []).map((m) => m.id)), [atEnd.data]);

  // Members who left during the year: their owed months come from their status history (usually a few).
  useEffect(() => {
    if (!data || !atEnd.data) return;
    const leavers = data.members.filter((row) => !onRoll.has(row.memberId) && row.profile);
    let current = true;
    void Promise.all(leavers.map((row) => call('member.get', { id: row.memberId }).catch(() => null))).then(
      (details) => {
        if (!current) return;
        const next = new Map<number, [number, number] | null>();
        for (const detail of details) if (detail) next.set(detail.id, dueWindow(detail, branch.id, year));
        setWindows(next);
      },
    );
    return () => {
      current = false;
    };
  }, [data, atEnd.data, onRoll, branch.id, year]);

  const owed = useMemo(() => {
    const map = new Map<number, Set<number>>();
    if (!data) return map;
    for (const row of data.members) {
      const window = onRoll.has(row.memberId) ? 'on-roll' : (windows.get(row.memberId) ?? null);
      map.set(row.memberId, owedBegunMonths(row, year, data.asOf, window));
    }
    return map;
  }, [data, onRoll, windows, year]);

  const saved = (text: string) => {
    message.success(text);
    setPaying(null);
    setProfiling(null);
    setRemitting(null);
    sheet.reload();
  };

  const cols = data ? columns(data, owed, (row, month) => setPaying({ row, month }), setProfiling) : [];
  const unset = data?.members.filter((row) => !row.profile).length ?? 0;
  const alerts = data?.members.filter((row) => row.arrearsStreak >= 6) ?? [];

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          党费收缴
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </div>
      <ApiErrorAlert error={sheet.error} onRetry={sheet.reload} />
      {alerts.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${alerts.map((row) => row.name).join('、')} 已连续 6 个月以上未交党费`}
          description="党章第九条：党员连续六个月不交纳党费，没有正当理由的，以自行脱党论。请及时谈话提醒并核实原因。"
        />
      ) : null}
      {unset > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${unset} 名党员尚未核定${year}年交纳基数：点该行的「核定基数」，台账按规定计算月交纳额。`}
        />
      ) : null}
      <Table<DuesMemberYear>
        className="dues-table"
        rowKey="memberId"
        size="small"
        bordered
        loading={sheet.loading}
        columns={cols}
        dataSource={data?.members ?? []}
        scroll={{ x: 1100 }}
        pagination={false}
        locale={{ emptyText: <Empty description={`${year}年本支部没有在册党员`} /> }}
        summary={() =>
          data ? (
            <Table.Summary fixed="bottom">
              <Table.Summary.Row className="dues-total-row">
                <Table.Summary.Cell index={0} colSpan={2}>
                  合计（实交 / 应交）
                </Table.Summary.Cell>
                {data.monthTotals.map((total, i) => (
                  <Table.Summary.Cell key={total.month} index={i + 2} align="right" className="dues-month-cell">
                    <Tooltip title={`应交 ${money(total.due)} 元，交纳 ${total.payers} 人`}>
                      <div className="dues-total">{total.paid > 0 ? money(total.paid) : ''}</div>
                      <div className="muted dues-total-due">{total.due > 0 ? money(total.due) : ''}</div>
                    </Tooltip>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={14} colSpan={2} />
              </Table.Summary.Row>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  上缴
                </Table.Summary.Cell>
                {data.monthTotals.map((total, i) => (
                  <Table.Summary.Cell key={total.month} index={i + 2} align="right" className="dues-month-cell">
                    {total.remitted !== null ? (
                      <Tooltip title={`${total.remittedOn} 上缴，点此修改`}>
                        <button
                          type="button"
                          className="dues-cell dues-paid"
                          onClick={() => setRemitting({ month: total.month, paid: total.paid })}
                        >
                          {money(total.remitted)}
                        </button>
                      </Tooltip>
                    ) : total.paid > 0 ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setRemitting({ month: total.month, paid: total.paid })}
                      >
                        上缴
                      </Button>
                    ) : null}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={14} colSpan={2} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      <div className="muted table-note">
        点月份格子登记交纳；浅红色为已到期未交的月份。月交纳额上悬停可看计算方法。截至 {data?.asOf ?? '—'}。
      </div>
      <PaymentModal target={paying} year={year} onClose={() => setPaying(null)} onSaved={saved} />
      <ProfileModal row={profiling} year={year} onClose={() => setProfiling(null)} onSaved={saved} />
      <RemitModal
        target={remitting}
        branchId={branch.id}
        year={year}
        onClose={() => setRemitting(null)}
        onSaved={saved}
      />
    </div>
  );
}
