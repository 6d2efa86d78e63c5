import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, FileWordOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { MeetingDetail, RecordTemplate } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { DOCX_MIME, downloadBase64 } from '../../components/download.ts';
import { formatDateTime } from '../../components/format.ts';
import { AttachmentsCard } from './AttachmentsCard.tsx';
import { AlsoCountsTags, KindTag } from './KindTag.tsx';
import { useTemplates } from './useTemplates.ts';

const dash = <span className="muted">—</span>;

function extraText(value: MeetingDetail['extra'][string]): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join('、') : String(value);
}

function AttendanceSummary({ meeting }: { meeting: MeetingDetail }) {
  const groups = (['出席', '请假', '缺席', '列席'] as const).map((status) => ({
    status,
    people: meeting.attendance.filter((entry) => entry.status === status),
  }));
  return (
    <div className="attendance-summary">
      {groups.map(({ status, people }) => (
        <div key={status} className={`summary-line summary-${status}`}>
          <span className="summary-label">
            {status} {people.length} 人
          </span>
          <span>
            {people.length === 0 ? dash : people.map((p) => `${p.name}${p.reason ? `（${p.reason}）` : ''}`).join('、')}
          </span>
        </div>
      ))}
    </div>
  );
}

function VoteVerdict({ vote }: { vote: NonNullable<MeetingDetail['vote']> }) {
  return (
    <Alert
      type={vote.passed ? 'success' : 'warning'}
      showIcon
      className="vote-verdict"
      title={
        <Space wrap>
          <strong>表决：{vote.subject}</strong>
          <Tag color={vote.passed ? 'success' : 'error'}>{vote.passed ? '通过' : '未通过'}</Tag>
          <Tag color={vote.quorumMet ? 'default' : 'error'}>{vote.quorumMet ? '到会人数有效' : '不足法定人数'}</Tag>
        </Space>
      }
      description={
        <div>
          <div>{vote.explanation}</div>
          <div className="muted">
            {vote.method}：赞成 {vote.yes}，反对 {vote.no}，弃权 {vote.abstain}
            {vote.writtenOpinions > 0 ? `，书面意见 ${vote.writtenOpinions} 份` : ''}
          </div>
        </div>
      }
    />
  );
}

function details(meeting: MeetingDetail, template: RecordTemplate | undefined) {
  const time = [meeting.startTime, meeting.endTime].filter(Boolean).join('–');
  const items = [
    { key: 'date', label: '日期', children: `${meeting.heldOn}${time ? ` ${time}` : ''}` },
    { key: 'seq', label: '序号', children: `${meeting.heldOn.slice(0, 4)}年第 ${meeting.seqNo} 次` },
    { key: 'place', label: '地点', children: meeting.place ?? dash },
    { key: 'host', label: '主持人', children: meeting.host ?? dash },
    { key: 'recorder', label: '记录人', children: meeting.recorder ?? dash },
    { key: 'count', label: '应到/实到', children: `${meeting.expected} / ${meeting.present} 人` },
  ];
  if (meeting.groupName) items.push({ key: 'group', label: '党小组', children: meeting.groupName });
  if (template?.blocks.lecturer) items.push({ key: 'lecturer', label: '授课人', children: meeting.lecturer ?? dash });
  if (meeting.studyHours !== null) items.push({ key: 'hours', label: '学时', children: `${meeting.studyHours} 学时` });
  for (const field of template?.fields ?? []) {
    const text = extraText(meeting.extra[field.key] ?? null);
    items.push({ key: `extra-${field.key}`, label: field.label, children: text || dash });
  }
  items.push({ key: 'entered', label: '录入时间', children: formatDateTime(meeting.enteredAt) });
  return items;
}

export function MeetingViewPage() {
  const { branch } = useBranch();
  const { meetingId } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const id = Number(meetingId);
  const meeting = useQuery('life.get', { id });
  const templates = useTemplates();
  const data = meeting.data;
  const template = data ? templates.byKind.get(data.kind) : undefined;
  const listUrl = `/branch/${branch.id}/life${data ? `?year=${data.heldOn.slice(0, 4)}` : ''}`;

  const [exporting, setExporting] = useState(false);
  const exportWord = async () => {
    setExporting(true);
    try {
      const file = await call('export.meetingDocx', { meetingId: id });
      downloadBase64(file.fileName, file.dataBase64, DOCX_MIME);
      message.success(`已导出“${file.fileName}”（${file.pages} 页）`);
      for (const warning of file.warnings) message.warning(warning);
    } catch (caught) {
      reportError(caught);
    } finally {
      setExporting(false);
    }
  };

  const remove = async () => {
    try {
      await call('life.delete', { id });
      message.success('已删除这条记录');
      navigate(listUrl);
    } catch (caught) {
      reportError(caught);
    }
  };

  return (
    <div className="page page-form">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }} className="record-title">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate(listUrl)} />{' '}
          {data?.title ?? '会议记录'}
        </Typography.Title>
        <Space wrap>
          <Button type="primary" icon={<EditOutlined />} disabled={!data} onClick={() => navigate('edit')}>
            编辑
          </Button>
          <Tooltip title="按公文格式导出本条记录（含出席情况和照片）">
            <Button icon={<FileWordOutlined />} disabled={!data} loading={exporting} onClick={exportWord}>
              导出Word
            </Button>
          </Tooltip>
          <Popconfirm
            title="删除这条记录？"
            description="记录、出席情况和决议会一并删除，删除会写入审计日志。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={remove}
          >
            <Button danger icon={<DeleteOutlined />} disabled={!data}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      </div>
      <ApiErrorAlert error={meeting.error} onRetry={meeting.reload} />
      {!data ? (
        meeting.error ? null : (
          <Skeleton active paragraph={{ rows: 8 }} />
        )
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap size={[4, 4]}>
            <KindTag kind={data.kind} />
            <AlsoCountsTags kinds={data.alsoCountsAs} />
            {data.backfilled ? <Tag color="warning">补录</Tag> : null}
            {template ? <span className="muted">{template.name}</span> : null}
          </Space>
          {data.vote ? <VoteVerdict vote={data.vote} /> : null}
          <Card size="small" className="form-card">
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={details(data, template)} />
          </Card>
          <Card size="small" title="出席情况" className="form-card">
            <AttendanceSummary meeting={data} />
          </Card>
          <Card size="small" title="议题与内容" className="form-card">
            {data.agenda.length > 0 ? (
              <ol className="agenda-view">
                {data.agenda.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ol>
            ) : null}
            <div className="content-view">{data.content ?? <span className="muted">未填写会议内容</span>}</div>
          </Card>
          {data.decisions.length > 0 ? (
            <Card size="small" title="决议事项" className="form-card">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.decisions}
                columns={[
                  { title: '决议', dataIndex: 'text' },
                  { title: '责任人', dataIndex: 'owner', width: 110, render: (v) => v ?? dash },
                  { title: '时限', dataIndex: 'dueDate', width: 120, render: (v) => v ?? dash },
                  {
                    title: '状态',
                    dataIndex: 'doneOn',
                    width: 150,
                    render: (v: string | null) =>
                      v ? <Tag color="success">{v} 完成</Tag> : <Tag color="processing">督办中</Tag>,
                  },
                ]}
              />
            </Card>
          ) : null}
          {data.rectifications.length > 0 ? (
            <Card size="small" title="整改清单" className="form-card">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.rectifications}
                columns={[
                  { title: '问题', dataIndex: 'problem' },
                  { title: '措施', dataIndex: 'measure' },
                  { title: '责任人', dataIndex: 'owner', width: 100, render: (v) => v ?? dash },
                  { title: '时限', dataIndex: 'dueDate', width: 110, render: (v) => v ?? dash },
                  {
                    title: '状态',
                    dataIndex: 'doneOn',
                    width: 140,
                    render: (v: string | null) =>
                      v ? <Tag color="success">{v} 销号</Tag> : <Tag color="processing">整改中</Tag>,
                  },
                ]}
              />
            </Card>
          ) : null}
          {data.appraisal.length > 0 ? (
            <Card size="small" title="民主评议结果" className="form-card">
              <div className="attendance-summary">
                {(['优秀', '合格', '基本合格', '不合格'] as const).map((grade) => {
                  const people = data.appraisal.filter((row) => row.grade === grade);
                  return (
                    <div key={grade} className="summary-line">
                      <span className="summary-label">
                        {grade} {people.length} 人
                      </span>
                      <span>{people.length ? people.map((p) => p.name).join('、') : dash}</span>
                    </div>
                  );
                })}
              </div>
            </Card>
          ) : null}
          <AttachmentsCard meetingId={data.id} attachments={data.attachmentList} onChanged={meeting.reload} />
        </Space>
      )}
    </div>
  );
}
