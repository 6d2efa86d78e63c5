import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Radio, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { useLedger } from '../../app/LedgerContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorView.tsx';
import { branchesOf, rememberBranch } from './orgTree.ts';

interface SetupValues {
  committee: string;
  hasGeneralBranch: boolean;
  generalBranch?: string;
  branches: Array<{ name: string; groups?: string[] }>;
}

const STEP_FIELDS: Array<Array<string | Array<string | number>>> = [
  ['committee'],
  ['hasGeneralBranch', 'generalBranch'],
  ['branches'],
  [],
];

export function SetupGuide() {
  const [form] = Form.useForm<SetupValues>();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { reload } = useLedger();
  const navigate = useNavigate();
  const hasGeneralBranch = Form.useWatch('hasGeneralBranch', form);
  const values = Form.useWatch([], form) as SetupValues | undefined;

  const next = async () => {
    await form.validateFields(STEP_FIELDS[step], { recursive: true });
    setStep((current) => current + 1);
  };

  const skipGeneralBranch = () => {
    form.setFieldsValue({ hasGeneralBranch: false, generalBranch: '' });
    setStep(2);
  };

  const finish = async () => {
    const all = form.getFieldsValue(true) as SetupValues;
    setSaving(true);
    setError(null);
    try {
      const created = await call('org.setup', {
        committee: { name: all.committee.trim() },
        generalBranch: all.hasGeneralBranch && all.generalBranch?.trim() ? { name: all.generalBranch.trim() } : null,
        branches: all.branches.map((branch) => ({
          name: branch.name.trim(),
          groups: (branch.groups ?? []).map((group) => group?.trim()).filter((group): group is string => !!group),
        })),
      });
      const first = branchesOf(created)[0];
      if (first) rememberBranch(first.id);
      await reload();
      navigate(first ? `/branch/${first.id}` : '/', { replace: true });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="setup-page">
      <Card className="setup-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          欢迎使用党支部工作台账
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          先用一分钟建立组织架构。以后可以在「组织设置」中增加或改名。
        </Typography.Paragraph>
        <Steps
          current={step}
          size="small"
          style={{ margin: '24px 0 32px' }}
          items={[{ title: '上级党委' }, { title: '党总支' }, { title: '党支部' }, { title: '完成' }]}
        />
        <Form
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{ committee: '', hasGeneralBranch: false, branches: [{ name: '', groups: [] }] }}
        >
          <div hidden={step !== 0}>
            <Form.Item
              name="committee"
              label="上级党委名称"
              rules={[{ required: true, whitespace: true, message: '请填写上级党委名称' }]}
              extra="写全称，与公章一致。"
            >
              <Input placeholder="如：中共某某公司委员会" maxLength={80} />
            </Form.Item>
          </div>
          <div hidden={step !== 1}>
            <Form.Item name="hasGeneralBranch" label="党支部上面是否设有党总支？">
              <Radio.Group
                options={[
                  { value: false, label: '没有，党支部直属党委' },
                  { value: true, label: '有党总支' },
                ]}
              />
            </Form.Item>
            {hasGeneralBranch ? (
              <Form.Item
                name="generalBranch"
                label="党总支名称"
                rules={[{ required: true, whitespace: true, message: '请填写党总支名称，或选择“没有”' }]}
              >
                <Input placeholder="如：中共某某公司机关总支部委员会" maxLength={80} />
              </Form.Item>
            ) : null}
          </div>
          <div hidden={step !== 2}>
            <BranchList />
          </div>
          {step === 3 && values ? <SetupSummary values={form.getFieldsValue(true) as SetupValues} /> : null}
        </Form>
        <ApiErrorAlert error={error} />
        <div className="setup-actions">
          {step > 0 ? <Button onClick={() => setStep((current) => current - 1)}>上一步</Button> : <span />}
          <Space>
            {step === 1 ? <Button onClick={skipGeneralBranch}>跳过</Button> : null}
            {step < 3 ? (
              <Button type="primary" onClick={() => void next().catch(() => undefined)}>
                下一步
              </Button>
            ) : (
              <Button type="primary" loading={saving} onClick={() => void finish()}>
                完成
              </Button>
            )}
          </Space>
        </div>
      </Card>
    </div>
  );
}

function BranchList() {
  return (
    <Form.List name="branches">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              className="setup-branch"
              title={`党支部 ${index + 1}`}
              extra={
                fields.length > 1 ? (
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                    删除
                  </Button>
                ) : null
              }
            >
              <Form.Item
                name={[field.name, 'name']}
                label="党支部名称"
                rules={[{ required: true, whitespace: true, message: '请填写党支部名称' }]}
              >
                <Input placeholder="如：中共某某公司第一支部委员会" maxLength={80} />
              </Form.Item>
              <Form.List name={[field.name, 'groups']}>
                {(groups, groupOps) => (
                  <Form.Item label="党小组（可不设）" style={{ marginBottom: 0 }}>
                    {groups.map((group, groupIndex) => (
                      <Space key={group.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item
                          name={group.name}
                          rules={[{ required: true, whitespace: true, message: '请填写党小组名称，或删除这一行' }]}
                        >
                          <Input
                            placeholder={`如：第${'一二三四五六七八九十'[groupIndex % 10]}党小组`}
                            maxLength={80}
                            aria-label={`党支部 ${index + 1} 的党小组 ${groupIndex + 1}`}
                            style={{ width: 280 }}
                          />
                        </Form.Item>
                        <Button type="text" onClick={() => groupOps.remove(group.name)}>
                          删除
                        </Button>
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => groupOps.add('')}>
                      添加党小组
                    </Button>
                  </Form.Item>
                )}
              </Form.List>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '', groups: [] })}>
            再添加一个党支部
          </Button>
        </>
      )}
    </Form.List>
  );
}

function SetupSummary({ values }: { values: SetupValues }) {
  const generalBranch = values.hasGeneralBranch ? values.generalBranch?.trim() : '';
  const items = [
    { key: 'committee', label: '上级党委', children: values.committee },
    { key: 'general', label: '党总支', children: generalBranch || '不设' },
    ...values.branches.map((branch, index) => {
      const groups = (branch.groups ?? []).filter(Boolean);
      return {
        key: `branch-${index}`,
        label: `党支部 ${index + 1}`,
        children: (
          <>
            {branch.name}
            {groups.length > 0 ? (
              <Typography.Text type="secondary">（党小组：{groups.join('、')}）</Typography.Text>
            ) : null}
          </>
        ),
      };
    }),
  ];
  return <Descriptions column={1} bordered size="small" title="请核对，确认无误后点「完成」" items={items} />;
}
