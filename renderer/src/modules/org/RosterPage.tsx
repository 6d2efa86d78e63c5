import { ImportOutlined, SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Input, Select, Space, Switch, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { MemberDetail } from '../../../../electron/api/index.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';
import { ImportRosterModal } from './ImportRosterModal.tsx';
import { MemberDetailDrawer } from './MemberDetailDrawer.tsx';
import { MemberFormDrawer } from './MemberFormDrawer.tsx';
import { groupsOf } from './orgTree.ts';
import { rosterColumns } from './rosterColumns.tsx';

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

type FormState = { member: MemberDetail | null } | null;

export function RosterPage() {
  const { branch } = useBranch();
  const { units } = useLedger();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 300);
  const [groupId, setGroupId] = useState<number | undefined>();
  const [membership, setMembership] = useState<'正式党员' | '预备党员' | undefined>();
  const [includeOffRoll, setIncludeOffRoll] = useState(false);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);
  const [importing, setImporting] = useState(false);

  const groups = groupsOf(units, branch.id);
  const members = useQuery('member.list', {
    branchId: branch.id,
    search: search || undefined,
    groupId,
    membership,
    includeOffRoll: includeOffRoll || undefined,
    asOf: toIsoDate(asOf),
  });
  const columns = useMemo(() => rosterColumns(setDetailId), []);

  // Quick actions on the home page land here with ?action=add|import.
  useEffect(() => {
    const action = params.get('action');
    if (!action) return;
    if (action === 'add') setForm({ member: null });
    if (action === 'import') setImporting(true);
    setParams({}, { replace: true });
  }, [params, setParams]);

  // Filters belong to one branch: start clean after switching.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on branch change only
  useEffect(() => {
    setGroupId(undefined);
    setDetailId(null);
  }, [branch.id]);

  const filtered = search || groupId || membership || includeOffRoll || asOf;

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          党员花名册
        </Typography.Title>
        <Space>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setForm({ member: null })}>
            新增党员
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            导入花名册
          </Button>
        </Space>
      </div>
      <div className="filter-bar">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="姓名或拼音首字母，如 zs"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          style={{ width: 240 }}
          aria-label="搜索党员"
        />
        <Select
          allowClear
          placeholder="全部党小组"
          value={groupId}
          onChange={setGroupId}
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
          style={{ width: 160 }}
          disabled={groups.length === 0}
          aria-label="按党小组筛选"
        />
        <Select
          allowClear
          placeholder="正式和预备"
          value={membership}
          onChange={setMembership}
          options={[
            { value: '正式党员', label: '正式党员' },
            { value: '预备党员', label: '预备党员' },
          ]}
          style={{ width: 140 }}
          aria-label="按正式或预备筛选"
        />
        <Space size={6}>
          <Switch checked={includeOffRoll} onChange={setIncludeOffRoll} size="small" aria-label="含已转出或去世" />
          <span>含已转出/去世</span>
        </Space>
        <Space size={6}>
          <span>截至日期</span>
          <DatePicker value={asOf} onChange={setAsOf} format={DATE_FORMAT} placeholder="今天" allowClear />
        </Space>
      </div>
      <ApiErrorAlert error={members.error} onRetry={members.reload} />
      <Table
        className="roster-table"
        rowKey="id"
        size="middle"
        sticky
        loading={members.loading}
        columns={columns}
        dataSource={members.data ?? []}
        scroll={{ x: 1190 }}
        pagination={{
          pageSize: 50,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 人`,
          hideOnSinglePage: false,
        }}
        locale={{
          emptyText: (
            <Empty
              description={
                filtered
                  ? '没有符合条件的党员'
                  : '花名册还是空的：点「新增党员」逐个录入，或「导入花名册」从 Excel 导入'
              }
            />
          ),
        }}
      />
      <MemberFormDrawer
        open={form !== null}
        branch={branch}
        member={form?.member ?? null}
        onClose={() => setForm(null)}
        onSaved={(saved) => {
          message.success(form?.member ? `已保存 ${saved.name} 的信息` : `已新增党员 ${saved.name}`);
          setForm(null);
          members.reload();
          if (detailId === saved.id) setDetailVersion((version) => version + 1);
        }}
      />
      <MemberDetailDrawer
        memberId={detailId}
        version={detailVersion}
        onClose={() => setDetailId(null)}
        onEdit={(member) => setForm({ member })}
        onChanged={members.reload}
      />
      <ImportRosterModal
        open={importing}
        branch={branch}
        onClose={() => setImporting(false)}
        onImported={() => {
          setImporting(false);
          members.reload();
        }}
      />
    </div>
  );
}
