import { EditOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MemberDetail } from '../../../../electron/api/index.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PlainList } from '../../components/PlainList.tsx';
import { AssignPostModal, EndPostModal, StatusChangeModal } from './memberActions.tsx';
import { MembershipTag, StatusTag } from './rosterColumns.tsx';

function maskId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;
}

function IdNumber({ value }: { value: string | null }) {
  const [shown, setShown] = useState(false);
  if (!value) return <span className="muted">未填写</span>;
  return (
    <Space size={4}>
      <span className="mono">{shown ? value : maskId(value)}</span>
      <Button
        type="text"
        size="small"
        icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
        onClick={() => setShown(!shown)}
        aria-label={shown ? '隐藏身份证号' : '显示完整身份证号'}
      />
    </Space>
  );
}

export function MemberDetailDrawer({
  memberId,
  onClose,
  onEdit,
  onChanged,
  version,
}: {
  memberId: number | null;
  /** Bumped by the page after it saved this member elsewhere (the edit form): reload. */
  version: number;
  onClose: () => void;
  onEdit: (member: MemberDetail) => void;
  onChanged: () => void;
}) {
  const query = useQuery('member.get', memberId === null ? null : { id: memberId });
  const [member, setMember] = useState<MemberDetail | null>(null);
  const [dialog, setDialog] = useState<'status' | 'post' | null>(null);
  const [endingPost, setEndingPost] = useState<number | null>(null);

  const { reload } = query;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  useEffect(() => {
    setMember(query.data && query.data.id === memberId ? query.data : null);
  }, [query.data, memberId]);

  const changed = (detail: MemberDetail) => {
    setMember(detail);
    setDialog(null);
    setEndingPost(null);
    onChanged();
  };

  const show = (value: string | null | undefined) => value || <span className="muted">未填写</span>;

  return (
    <Drawer
      open={memberId !== null}
      onClose={onClose}
      size={720}
      title={
        member ? (
          <Space>
            <span>{member.name}</span>
            <MembershipTag membership={member.membership} />
            <StatusTag status={member.status} />
          </Space>
        ) : (
          '党员信息'
        )
      }
      extra={
        member ? (
          <Button icon={<EditOutlined />} onClick={() => onEdit(member)}>
            编辑
          </Button>
        ) : null
      }
    >
      <ApiErrorAlert error={query.error} onRetry={query.reload} />
      {!member ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: 'gender', label: '性别', children: member.gender },
              { key: 'ethnicity', label: '民族', children: show(member.ethnicity) },
              { key: 'birth', label: '出生日期', children: `${member.birthDate}（${member.age}岁）` },
              { key: 'id', label: '公民身份号码', children: <IdNumber value={member.idNumber} /> },
              { key: 'education', label: '学历', children: show(member.education) },
              { key: 'category', label: '人员类别', children: show(member.personCategory) },
              { key: 'join', label: '入党时间', children: member.joinDate },
              {
                key: 'full',
                label: '转正时间',
                children: member.fullDate
                  ? `${member.fullDate}${member.partyYears !== null ? `（党龄 ${member.partyYears} 年）` : ''}`
                  : show(null),
              },
              { key: 'group', label: '所在党小组', children: show(member.groupName) },
              { key: 'job', label: '工作岗位', children: show(member.job) },
              { key: 'phone', label: '联系电话', children: show(member.phone) },
              { key: 'address', label: '家庭住址', children: show(member.address) },
              { key: 'note', label: '备注', span: 2, children: show(member.note) },
            ]}
          />
          <Card
            size="small"
            title="状态历史"
            extra={
              <Button size="small" onClick={() => setDialog('status')}>
                变更状态
              </Button>
            }
          >
            <Timeline
              items={[...member.statusHistory].reverse().map((interval) => ({
                key: interval.id,
                color: interval.toDate === null ? 'red' : 'gray',
                content: (
                  <div>
                    <div className="timeline-dates">
                      {interval.fromDate} 至 {interval.toDate ?? '今'}
                    </div>
                    <StatusTag status={interval.status} /> {interval.branchName}
                    {interval.reason ? <div className="muted">原因：{interval.reason}</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
          <Card
            size="small"
            title="党内职务"
            extra={
              <Button size="small" onClick={() => setDialog('post')}>
                任职
              </Button>
            }
          >
            <PlainList
              empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未担任党内职务" />}
              items={member.postHistory.map((post) => ({
                key: post.id,
                title: (
                  <Space>
                    <Tag color={post.toDate === null ? 'volcano' : 'default'}>{post.post}</Tag>
                    <span>{post.unitName}</span>
                  </Space>
                ),
                description: `${post.fromDate} 至 ${post.toDate ?? '今'}`,
                actions:
                  post.toDate === null ? (
                    <Button size="small" type="link" onClick={() => setEndingPost(post.id)}>
                      免职
                    </Button>
                  ) : null,
              }))}
            />
          </Card>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            建档于 {formatDateTime(member.createdAt)}，最后修改于 {formatDateTime(member.updatedAt)}
          </Typography.Text>
          <StatusChangeModal
            member={member}
            open={dialog === 'status'}
            onClose={() => setDialog(null)}
            onDone={changed}
          />
          <AssignPostModal member={member} open={dialog === 'post'} onClose={() => setDialog(null)} onDone={changed} />
          <EndPostModal member={member} postId={endingPost} onClose={() => setEndingPost(null)} onDone={changed} />
        </Space>
      )}
    </Drawer>
  );
}
