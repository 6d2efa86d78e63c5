import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Rate, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ExemplaryScheme, StarBoard, StarRow } from '../../../../electron/api/index.ts';
import { call, toApiError } from '../../api/client.ts';
import { applyFieldErrors } from '../../components/fieldErrors.ts';
import { toIsoDate } from '../../components/format.ts';
import { type Refusal, RefusalAlert, starName } from './shared.tsx';

export type StepKind = '自评' | '互评' | '支部评定' | '否决情形';

interface Values {
  stars?: number;
  note?: string;
  peerMode?: 'votes' | 'average';
  votes?: string;
  average?: number;
  decidedOn?: Dayjs;
  reason?: string;
}

const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

/** "4 5 4，3" → [4, 5, 4, 3]; null when any vote is not 1–5. */
function parseVotes(text: string): number[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter(Boolean);
  const votes = parts.map(Number);
  return votes.length > 0 && votes.every((v) => Number.isInteger(v) && v >= 1 && v <= 5) ? votes : null;
}

/**
 * One step of one member's star award: 自评 (stars and a note), 互评 (each vote, averaged, or the average),
 * 支部评定 (stars or 不评星, with the date), or a disqualifier the branch records by hand.
 */
export function StepModal({
  step,
  row,
  branchId,
  period,
  periodLabel,
  scheme,
  onClose,
  onSaved,
}: {
  step: StepKind | null;
  row: StarRow | null;
  branchId: number;
  period: string;
  periodLabel: string;
  scheme: ExemplaryScheme | undefined;
  onClose: () => void;
  onSaved: (board: StarBoard, text: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const peerMode = Form.useWatch('peerMode', form);
  const manual = scheme?.disqualifiers.find((d) => d.manual);
  const ticked = row?.disqualifiers.find((d) => d.id === manual?.id);
  const blocked = (row?.disqualifiers.length ?? 0) > 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each opening only
  useEffect(() => {
    if (!step || !row) return;
    form.resetFields();
    setRefusal(null);
    if (step === '自评') form.setFieldsValue({ stars: row.selfStars ?? 3, note: row.selfNote ?? undefined });
    if (step === '互评') form.setFieldsValue({ peerMode: 'votes', votes: row.peerVotes?.join(' ') ?? '' });
    if (step === '支部评定')
      form.setFieldsValue({
        stars: blocked ? 0 : Math.round(row.peerStars ?? row.selfStars ?? 3),
        decidedOn: dayjs(),
      });
  }, [step, row]);

  const key = row ? { branchId, memberId: row.memberId, period } : null;

  const submit = async (clear = false) => {
    if (!key || !row || !step) return;
    const values = clear ? {} : await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setRefusal(null);
    try {
      let board: StarBoard;
      let text: string;
      if (step === '自评') {
        board = await call('exemplary.selfAssess', {
          ...key,
          stars: values.stars ?? 0,
          note: values.note?.trim() || undefined,
        });
        text = `已登记 ${row.name} 的自评`;
      } else if (step === '互评') {
        const votes = values.peerMode === 'votes' ? parseVotes(values.votes ?? '') : null;
        board = await call('exemplary.peerAssess', {
          ...key,
          ...(votes ? { votes } : { stars: values.average }),
          note: values.note?.trim() || undefined,
        });
        text = `已登记 ${row.name} 的互评`;
      } else if (step === '支部评定') {
        board = await call('exemplary.decide', {
          ...key,
          stars: values.stars ?? 0,
          decidedOn: toIsoDate(values.decidedOn) ?? '',
          note: values.note?.trim() || undefined,
        });
        text = `${row.name} 支部评定为${starName(scheme, values.stars ?? 0)}`;
      } else {
        board = await call('exemplary.setCheck', {
          ...key,
          disqualifierId: manual?.id ?? '',
          reason: clear ? null : (values.reason?.trim() ?? ''),
        });
        text = clear ? `已撤销 ${row.name} 的否决情形` : `已登记 ${row.name} 的否决情形`;
      }
      onSaved(board, text);
    } catch (caught) {
      const error = toApiError(caught);
      setRefusal({
        error,
        unplaced: applyFieldErrors(form, error, { 评定日期: 'decidedOn', 情况说明: 'reason' }),
      });
    } finally {
      setSaving(false);
    }
  };

  const title = row
    ? `${row.name} · ${periodLabel} · ${step === '否决情形' ? (manual?.title ?? '否决情形') : step}`
    : '';
  return (
    <Modal
      open={step !== null && row !== null}
      title={title}
      okText={step === '支部评定' ? '评定' : '保存'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      footer={(buttons) =>
        step === '否决情形' && ticked ? (
          <>
            <button type="button" className="link-button ex-clear-check" onClick={() => void submit(true)}>
              撤销这条否决情形
            </button>
            {buttons}
          </>
        ) : (
          buttons
        )
      }
    >
      <RefusalAlert refusal={refusal} />
      {step === '支部评定' && blocked && row ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="该党员存在否决情形，本期不得评星，只能评定为“不评星”"
          description={
            <ul className="ex-hit-list">
              {row.disqualifiers.map((d) => (
                <li key={d.id}>
                  {d.reason}（规则：{d.rule}）
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Form form={form} layout="vertical">
        {step === '自评' ? (
          <Form.Item name="stars" label="自评星级" rules={[{ required: true, message: '请选择星级' }]}>
            <Rate count={5} allowClear={false} tooltips={scheme?.stars.map((s) => `${s.label}：${s.name}`)} />
          </Form.Item>
        ) : null}
        {step === '互评' ? (
          <>
            <Form.Item name="peerMode" label="互评结果">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'votes', label: '录入各票星级' },
                  { value: 'average', label: '直接填写平均星级' },
                ]}
              />
            </Form.Item>
            {peerMode === 'average' ? (
              <Form.Item
                name="average"
                label="平均星级（1–5，可带一位小数）"
                rules={[{ required: true, message: '请填写' }]}
              >
                <InputNumber min={1} max={5} step={0.1} precision={1} style={{ width: 160 }} />
              </Form.Item>
            ) : (
              <Form.Item
                name="votes"
                label="各票星级（用空格或逗号隔开）"
                rules={[
                  { required: true, message: '请录入各票星级' },
                  {
                    validator: (_, value: string) =>
                      parseVotes(value ?? '') ? Promise.resolve() : Promise.reject(new Error('每票应为 1 至 5 的整数')),
                  },
                ]}
                extra="如 12 名党员参评，录入 12 个数字，系统取平均值（保留一位小数）。"
              >
                <Input placeholder="如：4 5 4 3 5" />
              </Form.Item>
            )}
          </>
        ) : null}
        {step === '支部评定' ? (
          <div className="ex-form-row">
            <Form.Item name="stars" label="评定星级" rules={[{ required: true, message: '请选择' }]}>
              <Select
                options={[0, 1, 2, 3, 4, 5].map((n) => ({
                  value: n,
                  label: n === 0 ? '不评星' : `${starName(scheme, n)}（${scheme?.stars[n - 1]?.name ?? ''}）`,
                  disabled: blocked && n > 0,
                }))}
              />
            </Form.Item>
            <Form.Item name="decidedOn" label="评定日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </div>
        ) : null}
        {step === '否决情形' ? (
          <Form.Item
            name="reason"
            label="情况说明"
            initialValue={ticked ? ticked.reason.replace(`${manual?.title ?? ''}：`, '') : undefined}
            rules={[{ required: true, whitespace: true, min: 2, message: '请写明处分或审查情况' }]}
            extra={`登记后，${row?.name ?? ''}本期不得评星（规则：${manual?.rule ?? ''}）。`}
          >
            <Input.TextArea
              maxLength={300}
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder="如：2026年9月受到党内警告处分"
            />
          </Form.Item>
        ) : (
          <Form.Item name="note" label="说明（可不填）">
            <Input maxLength={300} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
