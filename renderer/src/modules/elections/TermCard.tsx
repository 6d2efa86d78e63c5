import { App, Button, Card, DatePicker, Form, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { MemberRow, TermInfo } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import type { QueryState } from '../../api/useQuery.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../components/format.ts';

const STATE_TAGS: Record<TermInfo['state'], { color: string; text: string }> = {
  ok: { color: 'success', text: '任期内' },
  warning: { color: 'warning', text: '即将届满' },
  expired: { color: 'error', text: '已届满' },
  unknown: { color: 'default', text: '未登记任期' },
};

/** The committee posts a 换届 fills, in the order a 分工 lists them. */
export const COMMITTEE_POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'] as const;
export type CommitteePost = (typeof COMMITTEE_POSTS)[number];

function TermModal({
  term,
  open,
  onClose,
  onSaved,
}: {
  term: TermInfo;
  open: boolean;
  onClose: () => void;
  onSaved: (term: TermInfo) => void;
}) {
  const [form] = Form.useForm<{ startDate?: Dayjs; years: number }>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  useEffect(() => {
    if (open) form.setFieldsValue({ startDate: fromIsoDate(term.startDate), years: term.years });
  }, [open, term, form]);
  const submit = async (values: { startDate?: Dayjs; years: number }) => {
    setSaving(true);
    try {
      onSaved(
        await call('term.set', {
          branchId: term.branchId,
          startDate: toIsoDate(values.startDate) ?? '',
          years: values.years,
        }),
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
      title="登记本届支委会任期"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        // Enter confirms the typed date; saving is the 保存 button's job (one text field would submit the form).
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
      >
        <Form.Item
          name="startDate"
          label="任期起始日期"
          rules={[{ required: true, message: '请选择本届支委会选举产生的日期' }]}
          extra="即上次换届选举大会的日期"
        >
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            placeholder="年-月-日"
            disabledDate={(date) => date.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item name="years" label="任期年限" extra="党支部委员会每届任期一般为 3 年；村、社区党支部为 5 年。">
          <Radio.Group optionType="button" options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${n} 年` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 本届支委会: the term with its warning, and who holds which post today. */
export function TermCard({ term, committee }: { term: QueryState<TermInfo>; committee: QueryState<MemberRow[]> }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const info = term.data;
  const tag = info ? STATE_TAGS[info.state] : null;
  const holders = COMMITTEE_POSTS.flatMap((post) =>
    (committee.data ?? []).filter((m) => m.posts.includes(post)).map((m) => ({ post, name: m.name, id: m.id })),
  );
  return (
    <Card
      size="small"
      className="el-term-card"
      title={
        <Space>
          <span>本届支委会</span>
          {tag ? <Tag color={tag.color}>{tag.text}</Tag> : null}
        </Space>
      }
      extra={
        info ? (
          <Button size="small" onClick={() => setEditing(true)}>
            登记任期
          </Button>
        ) : null
      }
    >
      <ApiErrorAlert error={term.error ?? committee.error} onRetry={term.reload} />
      {info ? (
        <div className="el-term">
          <div data-testid="term-dates">
            <span className="muted">任期：</span>
            {info.startDate ? (
              <span className="mono">
                {info.startDate} 至 {info.endDate}
              </span>
            ) : (
              <span className="muted">未登记</span>
            )}
            <span className="muted">（每届 {info.years} 年）</span>
          </div>
          {info.state === 'ok' ? null : (
            <Typography.Text
              type={info.state === 'expired' ? 'danger' : info.state === 'warning' ? 'warning' : 'secondary'}
            >
              {info.message}
            </Typography.Text>
          )}
          <div className="el-committee-row">
            <span className="muted">现任：</span>
            <span className="el-committee" data-testid="committee">
              {holders.length === 0 ? (
                <span className="muted">花名册中没有支委职务记录</span>
              ) : (
                holders.map((h) => (
                  <span key={`${h.post}-${h.id}`} className="el-committee-member">
                    <span className="muted">{h.post}</span> {h.name}
                  </span>
                ))
              )}
            </span>
          </div>
          <TermModal
            term={info}
            open={editing}
            onClose={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              message.success(`已登记任期：${saved.startDate} 至 ${saved.endDate}`);
              term.reload();
            }}
          />
        </div>
      ) : null}
    </Card>
  );
}
