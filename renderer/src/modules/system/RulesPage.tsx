import { App, Button, Empty, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RuleParameterInfo } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';

const NO_INPUT = {};
const TAGS: Record<string, { label: string; color: string }> = {
  REG: { label: '全国规定', color: 'red' },
  'REG*': { label: '从严理解', color: 'volcano' },
  LOCAL: { label: '地方做法', color: 'blue' },
  UNCONFIRMED: { label: '待核实', color: 'gold' },
};

/** 规则设置: the numbers the checks use, each with its national value and source; a stricter local value is a setting. */
export function RulesPage() {
  const { message } = App.useApp();
  const reportError = useReportError();
  const rules = useQuery('rules.list', NO_INPUT);
  const [rows, setRows] = useState<RuleParameterInfo[]>([]);
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (rules.data) setRows(rules.data.filter((rule) => rule.value !== null));
  }, [rules.data]);

  const apply = async (rule: RuleParameterInfo, value: number | null) => {
    setBusy(rule.key);
    try {
      const next = await call('rules.set', { key: rule.key, value });
      setRows(next.filter((r) => r.value !== null));
      setDrafts((current) => {
        const copy = { ...current };
        delete copy[rule.key];
        return copy;
      });
      message.success(
        value === null
          ? `「${rule.label}」已恢复为全国规定`
          : `「${rule.label}」已设为 ${value} ${rule.unit}（本台账）`,
      );
    } catch (caught) {
      reportError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          规则设置
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">
        合规日历和各项检查使用下列数值。本台账可以按上级党组织的规定从严设置，例如把「党课」设为每季度 1
        次；设置会写入审计日志，随时可以恢复为全国规定。
      </Typography.Paragraph>
      <ApiErrorAlert error={rules.error} onRetry={rules.reload} />
      <Table<RuleParameterInfo>
        className="rules-table"
        rowKey="key"
        size="middle"
        loading={rules.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description="没有可设置的规则" /> }}
        columns={[
          {
            title: '规则',
            dataIndex: 'label',
            render: (label: string, rule) => (
              <Space orientation="vertical" size={0}>
                <span>{label}</span>
                {rule.overridden ? <Tag color="processing">本台账已调整</Tag> : null}
              </Space>
            ),
          },
          {
            title: '全国规定',
            key: 'national',
            width: 130,
            render: (_, rule) => (
              <span>
                {rule.nationalValue ?? '—'} <span className="muted">{rule.unit}</span>
              </span>
            ),
          },
          {
            title: '本台账设置',
            key: 'value',
            width: 360,
            render: (_, rule) => {
              const draft = drafts[rule.key];
              const value = draft !== undefined ? draft : rule.value;
              const dirty = draft !== undefined && draft !== rule.value;
              return (
                <Space size={6}>
                  <InputNumber
                    aria-label={`${rule.label}的本台账设置`}
                    min={0}
                    max={1000}
                    value={value}
                    style={{ width: 90 }}
                    onChange={(next) => setDrafts((current) => ({ ...current, [rule.key]: next }))}
                  />
                  <span className="muted rule-unit">{rule.unit}</span>
                  <Button
                    size="small"
                    type={dirty ? 'primary' : 'default'}
                    disabled={!dirty || draft === null}
                    loading={busy === rule.key}
                    onClick={() => void apply(rule, draft ?? null)}
                  >
                    保存
                  </Button>
                  {rule.overridden ? (
                    <Button size="small" type="link" onClick={() => void apply(rule, null)}>
                      恢复全国规定
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
          {
            title: '依据',
            dataIndex: 'source',
            ellipsis: { showTitle: false },
            render: (source: string) => (
              <Tooltip title={source} placement="topLeft">
                <span className="muted">{source}</span>
              </Tooltip>
            ),
          },
          {
            title: '性质',
            dataIndex: 'tag',
            width: 96,
            render: (tag: string) => <Tag color={TAGS[tag]?.color}>{TAGS[tag]?.label ?? tag}</Tag>,
          },
        ]}
      />
    </div>
  );
}
