import { CheckCircleFilled, MinusCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Skeleton, Space, Tabs, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { DevPersonDetail } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { ExportWordButton } from '../assessment/ScoreSheetExportButton.tsx';
import { DossierSteps } from './DossierSteps.tsx';
import { allowedSteps, relativeDays, stepTitle } from './devShared.ts';
import { StepRecordForm } from './StepRecordForm.tsx';

function maskId(id: string | null): string {
  if (!id) return '未填写';
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;
}

function CancelModal({
  person,
  open,
  onClose,
  onDone,
}: {
  person: DevPersonDetail;
  open: boolean;
  onClose: () => void;
  onDone: (detail: DevPersonDetail) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const submit = async ({ reason }: { reason: string }) => {
    setSaving(true);
    try {
      onDone(await call('dev.cancel', { id: person.id, reason: reason.trim() }));
    } catch (caught) {
      reportError(caught);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={`终止 ${person.name} 的发展程序`}
      okText="终止"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <p className="muted">终止后不能再登记后续步骤，已登记的记实保留。请写明原因（如本人撤回申请、调离本单位）。</p>
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label="终止原因"
          rules={[{ required: true, whitespace: true, min: 2, message: '请写明原因（至少 2 个字）' }]}
        >
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A person's 全程记实: the 25 steps as recorded, the next one to record, and the archive checklist. */
export function DossierDrawer({
  personId,
  onClose,
  onChanged,
}: {
  personId: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const query = useQuery('dev.get', personId === null ? null : { id: personId });
  const definitions = useQuery('dev.steps', {});
  const [person, setPerson] = useState<DevPersonDetail | null>(null);
  const [recording, setRecording] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const roster = useQuery('member.list', person ? { branchId: person.branchId, includeOffRoll: true } : null);

  useEffect(() => {
    setPerson(query.data && query.data.id === personId ? query.data : null);
  }, [query.data, personId]);

  const closed = person ? person.status === '已取消' || person.nextStep === null : true;
  const allowed = useMemo(
    () => (person && person.status !== '已取消' ? allowedSteps(person.steps, person.nextStep?.no ?? null, false) : []),
    [person],
  );
  useEffect(() => {
    setRecording((current) => (current !== null && allowed.includes(current) ? current : (allowed[0] ?? null)));
  }, [allowed]);

  const names = useMemo(() => new Map((roster.data ?? []).map((m) => [m.id, m.name])), [roster.data]);
  const nameOf = (id: number) => names.get(id) ?? `党员编号 ${id}`;

  const saved = (detail: DevPersonDetail, stepNo: number) => {
    const name = definitions.data?.find((d) => d.no === stepNo)?.name ?? '';
    const becameProbationer = stepNo === 15 && detail.memberId !== null;
    message.success(
      `已登记 ${detail.name}：${stepTitle(stepNo, name)}${becameProbationer ? '，已列入党员花名册（预备党员）' : ''}${
        detail.status === '已转正' && stepNo === 24 ? `，已转为正式党员，党龄自 ${detail.probationEnd} 起计算` : ''
      }`,
    );
    setPerson(detail);
    setRecording(null);
    query.reload();
    onChanged();
  };

  const archivePresent = person?.archive.filter((a) => a.present).length ?? 0;
  const steps = definitions.data ?? [];

  return (
    <Drawer
      open={personId !== null}
      onClose={onClose}
      size={880}
      title={
        person ? (
          <Space wrap>
            <span>{person.name} · 发展党员全程记实</span>
            <Tag color={person.stage === '正式党员' ? 'success' : 'processing'}>{person.stage}</Tag>
            {person.status !== '进行中' ? <Tag>{person.status}</Tag> : null}
            {person.overdue ? <Tag color="error">有逾期事项</Tag> : null}
          </Space>
        ) : (
          '发展党员全程记实'
        )
      }
      extra={
        person ? (
          <Space>
            <ExportWordButton
              tooltip="按公文格式导出本人的发展党员全程记实表（25 个步骤、时限规定执行情况）"
              run={() => call('export.developmentDocx', { personId: person.id })}
            />
            {person.status === '进行中' ? (
              <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>
                终止发展程序
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      <ApiErrorAlert error={query.error ?? definitions.error} onRetry={query.reload} />
      {!person || !definitions.data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Space orientation="vertical" size={14} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={3}
            items={[
              { key: 'gender', label: '性别', children: person.gender },
              { key: 'birth', label: '出生日期', children: <span className="mono">{person.birthDate}</span> },
              { key: 'id', label: '公民身份号码', children: <span className="mono">{maskId(person.idNumber)}</span> },
              { key: 'phone', label: '电话', children: person.phone ?? <span className="muted">未填写</span> },
              { key: 'job', label: '岗位', children: person.job ?? <span className="muted">未填写</span> },
              {
                key: 'probation',
                label: '预备期满日',
                children: person.probationEnd ? (
                  <span>
                    <span className="mono">{person.probationEnd}</span>
                    {person.status === '进行中' ? (
                      <span className="muted">（{relativeDays(person.probationEnd)}）</span>
                    ) : null}
                  </span>
                ) : (
                  <span className="muted">支部大会接收后计算</span>
                ),
              },
            ]}
          />
          {person.deadlines.length > 0 ? (
            <ul className="dev-reminders" aria-label="提醒">
              {person.deadlines.map((d) => (
                <li key={`${d.kind}-${d.stepNo}`} className={d.overdue ? 'dev-overdue' : 'dev-remind'}>
                  {d.overdue ? '已逾期：' : ''}
                  {d.label}
                </li>
              ))}
            </ul>
          ) : null}
          {person.status === '已转正' && person.nextStep === null ? (
            <Alert
              type="success"
              showIcon
              title={`发展程序已完成：已转为正式党员，党龄自 ${person.probationEnd ?? ''} 起计算`}
              description="材料已归档。全程记实和档案材料清单保留在下方，可随时查阅。"
            />
          ) : null}
          {person.status === '已取消' ? (
            <Alert type="info" showIcon title="发展程序已终止" description="已登记的记实保留，不能再登记后续步骤。" />
          ) : null}
          {recording !== null && !closed ? (
            <StepRecordForm
              person={person}
              definitions={steps}
              allowed={allowed}
              stepNo={recording}
              onStepChange={setRecording}
              onSaved={saved}
            />
          ) : null}
          <Tabs
            items={[
              {
                key: 'steps',
                label: `全程记实（已登记 ${new Set(person.steps.map((s) => s.stepNo)).size} / ${steps.length} 步）`,
                children: (
                  <DossierSteps
                    person={person}
                    definitions={steps}
                    allowed={allowed}
                    recording={recording}
                    onRecord={setRecording}
                    nameOf={nameOf}
                  />
                ),
              },
              {
                key: 'archive',
                label: `档案材料（${archivePresent} / ${person.archive.length}）`,
                children: (
                  <ul className="dev-archive" aria-label="档案材料">
                    {person.archive.map((item) => (
                      <li key={item.item} className={item.present ? 'dev-archive-present' : 'dev-archive-missing'}>
                        {item.present ? <CheckCircleFilled /> : <MinusCircleOutlined />}
                        <span>{item.item}</span>
                        <span className="muted dev-small">{item.present ? '已形成' : '缺'}</span>
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
          <CancelModal
            person={person}
            open={cancelling}
            onClose={() => setCancelling(false)}
            onDone={(detail) => {
              message.success(`已终止 ${detail.name} 的发展程序`);
              setCancelling(false);
              setPerson(detail);
              query.reload();
              onChanged();
            }}
          />
        </Space>
      )}
    </Drawer>
  );
}
