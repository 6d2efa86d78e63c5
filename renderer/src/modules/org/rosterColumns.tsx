import { Button, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { MemberRow, MemberStatus } from '../../../../electron/api/index.ts';

const STATUS_COLORS: Record<MemberStatus, string> = {
  在册: 'success',
  转入: 'processing',
  借调: 'gold',
  转出: 'default',
  停止党籍: 'warning',
  出党: 'error',
  去世: 'default',
};

export function StatusTag({ status }: { status: MemberStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{status}</Tag>;
}

export function MembershipTag({ membership }: { membership: MemberRow['membership'] }) {
  return membership === '正式党员' ? <Tag color="red">正式</Tag> : <Tag color="orange">预备</Tag>;
}

const dash = <span className="muted">—</span>;

export function rosterColumns(openDetail: (id: number) => void): ColumnsType<MemberRow> {
  return [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      fixed: 'start',
      width: 96,
      render: (name: string, row) => (
        <Button type="link" className="name-link" onClick={() => openDetail(row.id)}>
          {name}
        </Button>
      ),
    },
    { title: '性别', dataIndex: 'gender', key: 'gender', width: 56 },
    {
      title: '出生日期（年龄）',
      key: 'birth',
      width: 146,
      render: (_, row) => (
        <span>
          {row.birthDate}
          <span className="muted">（{row.age}岁）</span>
        </span>
      ),
    },
    {
      title: '公民身份号码',
      dataIndex: 'idNumberMasked',
      key: 'idNumber',
      width: 186,
      render: (value: string | null) => (value ? <span className="mono">{value}</span> : dash),
    },
    { title: '学历', dataIndex: 'education', key: 'education', width: 90, render: (value) => value ?? dash },
    { title: '入党时间', dataIndex: 'joinDate', key: 'joinDate', width: 104 },
    { title: '转正时间', dataIndex: 'fullDate', key: 'fullDate', width: 104, render: (value) => value ?? dash },
    {
      title: '正式/预备',
      dataIndex: 'membership',
      key: 'membership',
      width: 84,
      render: (value: MemberRow['membership']) => <MembershipTag membership={value} />,
    },
    { title: '党小组', dataIndex: 'groupName', key: 'group', width: 110, render: (value) => value ?? dash },
    {
      title: '党内职务',
      dataIndex: 'posts',
      key: 'posts',
      width: 140,
      render: (posts: MemberRow['posts']) =>
        posts.length > 0
          ? posts.map((post) => (
              <Tag key={post} color="volcano" variant="outlined">
                {post}
              </Tag>
            ))
          : dash,
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      fixed: 'end',
      width: 80,
      render: (value: MemberStatus) => <StatusTag status={value} />,
    },
  ];
}
