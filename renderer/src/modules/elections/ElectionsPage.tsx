import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Form, InputNumber, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ElectionDetail } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useBranch } from '../../app/useBranch.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';
import { ElectionProcedure } from './ElectionProcedure.tsx';
import { TermCard } from './TermCard.tsx';
import './elections.css';

const STATUS_COLORS: Record<ElectionDetail['status'], string> = {
  筹备中: 'processing',
  已选举: 'warning',
  已完成: 'success',
};

function StartModal({
  branchId,
  open,
  onClose,
  onStarted,
}: {
  branchId: number;
  open: boolean;
  onClose: () => void;
  onStarted: (election: ElectionDetail) => void;
}) {
  const [form] = Form.useForm<{ seats: number; plannedOn?: Dayjs }>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async (values: { seats: number; plannedOn?: Dayjs }) => {
    setSaving(true);
    try {
      onStarted(
        await call('election.create', { branchId, seats: values.seats, plannedOn: toIsoDate(values.plannedOn) }),
      );
    } catch (caught) {
      reportError(caught);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title="启动换届选举"
      okText="启动"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <p className="muted">一般在任期届满前一至两个月启动。启动后按十个步骤依次登记，每步写明日期和文号。</p>
      <Form form={form} layout="vertical" initialValues={{ seats: 3 }} onFinish={(values) => void submit(values)}>
        <Form.Item name="seats" label="应选委员名额" rules={[{ required: true, message: '请填写应选名额' }]}>
          <InputNumber min={1} max={9} precision={0} suffix="名" style={{ width: 160 }} aria-label="应选委员名额" />
        </Form.Item>
        <Form.Item name="plannedOn" label="计划选举日期">
          <DatePicker format={DATE_FORMAT} placeholder="年-月-日" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 换届选举: the branch's term, its elections, and the open one as a guided procedure. */
export function ElectionsPage() {
  const { branch } = useBranch();
  const { message } = App.useApp();
  const term = useQuery('term.get', { branchId: branch.id });
  const committee = useQuery('member.list', { branchId: branch.id });
  const elections = useQuery('election.list', { branchId: branch.id });
  const definitions = useQuery('election.steps', {});
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);

  const list = elections.data ?? [];
  const open = list.find((e) => e.status !== '已完成');
  const selected = list.find((e) => e.id === selectedId) ?? open ?? list[0] ?? null;

  const changed = (detail: ElectionDetail) => {
    setSelectedId(detail.id);
    elections.reload();
    if (detail.status === '已完成') {
      term.reload();
      committee.reload();
    }
  };

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          换届选举
        </Typography.Title>
        <Tooltip title={open ? '本支部已有一次尚未完成的换届选举' : undefined}>
          <Button type="primary" icon={<PlusOutlined />} disabled={Boolean(open)} onClick={() => setStarting(true)}>
            启动换届
          </Button>
        </Tooltip>
      </div>
      <ApiErrorAlert error={elections.error ?? definitions.error} onRetry={elections.reload} />
      <div className="el-top">
        <TermCard term={term} committee={committee} />
        <Card size="small" title="历次换届" className="el-list-card">
          <Table<ElectionDetail>
            rowKey="id"
            size="small"
            loading={elections.loading && !elections.data}
            dataSource={list}
            pagination={false}
            rowClassName={(row) => (row.id === selected?.id ? 'el-row-selected' : 'el-row')}
            onRow={(row) => ({ onClick: () => setSelectedId(row.id) })}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description="还没有换届选举。任期届满前一至两个月，点“启动换届”开始登记。"
                />
              ),
            }}
            columns={[
              {
                title: '选举日期',
                key: 'date',
                render: (_, e) => <span className="mono">{e.tally?.heldOn ?? e.plannedOn ?? '未定'}</span>,
              },
              { title: '应选', dataIndex: 'seats', width: 60, render: (n: number) => `${n} 名` },
              {
                title: '状态',
                dataIndex: 'status',
                width: 80,
                render: (s: ElectionDetail['status']) => <Tag color={STATUS_COLORS[s]}>{s}</Tag>,
              },
              {
                title: '当选',
                key: 'elected',
                ellipsis: true,
                render: (_, e) => e.tally?.elected.map((x) => x.name).join('、') ?? '',
              },
            ]}
          />
        </Card>
      </div>
      {selected && definitions.data ? (
        <ElectionProcedure key={selected.id} election={selected} definitions={definitions.data} onChanged={changed} />
      ) : null}
      <StartModal
        branchId={branch.id}
        open={starting}
        onClose={() => setStarting(false)}
        onStarted={(election) => {
          setStarting(false);
          message.success(`已启动换届选举（应选 ${election.seats} 名委员）`);
          changed(election);
        }}
      />
    </div>
  );
}
