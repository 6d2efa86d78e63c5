import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { useYearParam, YearSelect } from '../../components/YearSelect.tsx';
import { CommitmentsTab } from './CommitmentsTab.tsx';
import { PostsTab } from './PostsTab.tsx';
import { StarsTab } from './StarsTab.tsx';
import './exemplary.css';

const TABS = ['posts', 'commitments', 'stars'] as const;
type TabKey = (typeof TABS)[number];

/**
 * 示范岗与承诺 (RULES.md §7.2): 党员示范岗 / 责任区 with their holders, 承诺践诺, and 星级评定 per period
 * with its steps and the disqualifiers found in the ledger.
 */
export function ExemplaryPage() {
  const { branch } = useBranch();
  const [year, setYear] = useYearParam();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.find((t) => t === params.get('tab')) ?? 'posts';
  const scheme = useQuery('exemplary.scheme', {});
  const members = useQuery('member.list', { branchId: branch.id });

  const setTab = (next: string) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        copy.set('tab', next);
        return copy;
      },
      { replace: true },
    );

  return (
    <div className="page ex-page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          示范岗与承诺
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </div>
      <ApiErrorAlert error={scheme.error} onRetry={scheme.reload} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'posts',
            label: '示范岗与责任区',
            children: <PostsTab branchId={branch.id} year={year} scheme={scheme.data} members={members.data ?? []} />,
          },
          {
            key: 'commitments',
            label: '承诺践诺',
            children: <CommitmentsTab branchId={branch.id} year={year} members={members.data ?? []} />,
          },
          {
            key: 'stars',
            label: '星级评定',
            children: <StarsTab branchId={branch.id} year={year} scheme={scheme.data} />,
          },
        ]}
      />
    </div>
  );
}
