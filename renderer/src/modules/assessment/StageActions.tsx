import { AuditOutlined, NotificationOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Modal, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AssessmentResult } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';
import { DATE_FORMAT } from '../../components/format.ts';
import { pts } from './shared.tsx';

/** 公示 usually runs five days (RULES.md §6.1 example I, local practice); the clerk can change it. */
const PUBLICITY_DAYS = 5;

/** 提交上级评审 (from 自评) and 公示 (from 上级评审), each confirmed; nothing once 已公示. */
export function StageActions({
  result,
  onSaved,
}: {
  result: AssessmentResult;
  onSaved: (result: AssessmentResult) => void;
}) {
  const { modal, message } = App.useApp();
  const report = useReportError();
  const [publishing, setPublishing] = useState(false);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const summary = `总分 ${pts(result.total)} 分，拟定等级：${result.proposedTier}`;

  const submit = () =>
    modal.confirm({
      title: '提交上级评审？',
      content: (
        <>
          <p>{summary}。</p>
          {result.pendingItems > 0 ? (
            <p className="as-warning-text">尚有 {result.pendingItems} 个人工评分项未评分，未评的按 0 分计。</p>
          ) : null}
          <p className="muted">提交后由上级党委评审，评审期间仍可调整评分；公示后不能再修改。</p>
        </>
      ),
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        try {
          onSaved(
            await call('assessment.advance', { branchId: result.branchId, year: result.year, stage: '上级评审' }),
          );
          message.success('已提交上级评审');
        } catch (caught) {
          report(caught);
        }
      },
    });

  const openPublish = () => {
    const from = dayjs().startOf('day');
    setRange([from, from.add(PUBLICITY_DAYS - 1, 'day')]);
    setError(null);
    setPublishing(true);
  };

  const publish = async () => {
    if (!range) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(
        await call('assessment.advance', {
          branchId: result.branchId,
          year: result.year,
          stage: '已公示',
          publicityFrom: range[0].format(DATE_FORMAT),
          publicityTo: range[1].format(DATE_FORMAT),
        }),
      );
      message.success('考核结果已公示');
      setPublishing(false);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  if (result.stage === '已公示') return null;
  if (result.stage === '自评') {
    return (
      <Button type="primary" icon={<AuditOutlined />} onClick={submit}>
        提交上级评审
      </Button>
    );
  }
  const blocked = result.pendingItems > 0;
  return (
    <>
      <Tooltip title={blocked ? `尚有 ${result.pendingItems} 个人工评分项未评分，评完后才能公示` : undefined}>
        <Button type="primary" icon={<NotificationOutlined />} disabled={blocked} onClick={openPublish}>
          公示考核结果
        </Button>
      </Tooltip>
      <Modal
        open={publishing}
        title={`公示${result.year}年度考核结果`}
        okText="确认公示"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void publish()}
        onCancel={() => setPublishing(false)}
        destroyOnHidden
      >
        <p>
          {result.branchName}：{summary}。
        </p>
        <ApiErrorAlert error={error} />
        <div className="as-publicity-field">
          <span>公示期：</span>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(values) => {
              if (values?.[0] && values[1]) setRange([values[0], values[1]]);
            }}
            aria-label="公示期"
          />
        </div>
        <p className="muted">公示后等级即作为本年度结果（明年晋位升级以此为准），评分表不能再修改。</p>
      </Modal>
    </>
  );
}
