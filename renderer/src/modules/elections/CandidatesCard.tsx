import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ElectionDetail } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';

function useFullMembers(branchId: number) {
  return useQuery('member.list', { branchId, membership: '正式党员' });
}

function Refusal({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={error.message}
      description={error.details.length > 0 ? <ErrorDetailsList details={error.details} /> : undefined}
    />
  );
}

/** 正式候选人: chosen among the branch's 正式党员, listed back in 姓氏笔画 order, with the 差额 requirement live. */
export function CandidatesCard({
  election,
  onChanged,
}: {
  election: ElectionDetail;
  onChanged: (detail: ElectionDetail) => void;
}) {
  const members = useFullMembers(election.branchId);
  const saved = election.candidates.map((c) => c.memberId);
  const [chosen, setChosen] = useState<number[]>(saved);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const savedKey = saved.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset to the saved list when it changes
  useEffect(() => setChosen(saved), [savedKey]);

  const enough = chosen.length >= election.minimumCandidates;
  const finished = election.status === '已完成';
  const save = async () => {
    setSaving(true);
    try {
      onChanged(await call('election.setCandidates', { electionId: election.id, memberIds: chosen }));
      setRefusal(null);
    } catch (caught) {
      setRefusal(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="正式候选人" className="el-sub-card">
      <Refusal error={refusal} />
      <div className="el-counter" data-testid="candidate-counter">
        已选 <strong>{chosen.length}</strong> 名；应选 {election.seats} 名，实行差额选举，候选人至少{' '}
        <strong>{election.minimumCandidates}</strong> 名
        {enough ? (
          <Typography.Text type="success"> ✓ 符合差额要求</Typography.Text>
        ) : (
          <Typography.Text type="warning"> 还差 {election.minimumCandidates - chosen.length} 名</Typography.Text>
        )}
      </div>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Select
          mode="multiple"
          aria-label="候选人"
          style={{ width: '100%' }}
          value={chosen}
          onChange={setChosen}
          disabled={finished}
          loading={members.loading}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择本支部的正式党员（预备党员没有被选举权）"
          options={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        <Button type="primary" onClick={() => void save()} loading={saving} disabled={finished || chosen.length === 0}>
          保存候选人名单
        </Button>
      </Space.Compact>
      {election.candidates.length > 0 ? (
        <div>
          <div className="muted el-small">正式候选人名单（按姓氏笔画排列）：</div>
          <ol className="el-candidates" data-testid="candidate-list">
            {election.candidates.map((c) => (
              <li key={c.memberId}>{c.name}</li>
            ))}
          </ol>
        </div>
      ) : (
        <span className="muted">尚未确定正式候选人。</span>
      )}
    </Card>
  );
}

/** 监票人: elected at the meeting among voters who are not candidates. */
export function ScrutineersCard({
  election,
  onChanged,
}: {
  election: ElectionDetail;
  onChanged: (detail: ElectionDetail) => void;
}) {
  const members = useFullMembers(election.branchId);
  const saved = election.scrutineers.map((s) => s.memberId);
  const [chosen, setChosen] = useState<number[]>(saved);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const savedKey = saved.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset to the saved list when it changes
  useEffect(() => setChosen(saved), [savedKey]);
  const candidates = new Set(election.candidates.map((c) => c.memberId));
  const finished = election.status === '已完成';

  const save = async () => {
    setSaving(true);
    try {
      onChanged(await call('election.setScrutineers', { electionId: election.id, memberIds: chosen }));
      setRefusal(null);
    } catch (caught) {
      setRefusal(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="监票人" className="el-sub-card">
      <Refusal error={refusal} />
      <Space.Compact style={{ width: '100%' }}>
        <Select
          mode="multiple"
          aria-label="监票人"
          style={{ width: '100%' }}
          value={chosen}
          onChange={setChosen}
          disabled={finished}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="候选人不能担任监票人"
          options={(members.data ?? []).map((m) => ({
            value: m.id,
            label: candidates.has(m.id) ? `${m.name}（候选人）` : m.name,
          }))}
        />
        <Button onClick={() => void save()} loading={saving} disabled={finished || chosen.length === 0}>
          保存监票人
        </Button>
      </Space.Compact>
      <div className="muted el-small" style={{ marginTop: 6 }}>
        {election.scrutineers.length > 0
          ? `已确定：${election.scrutineers.map((s) => s.name).join('、')}`
          : '尚未确定监票人。'}
      </div>
    </Card>
  );
}
