import { App, Button, Card, Checkbox, Input, Modal } from 'antd';
import { useState } from 'react';
import type { AssessmentResult, RubricInfo } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { ApiErrorAlert, useReportError } from '../../components/ApiErrorView.tsx';

type Veto = RubricInfo['vetoes'][number];

/**
 * The rubric's veto items (一票否决): ticking one asks for the reason, which is kept with the assessment;
 * un-ticking withdraws it after a confirmation.
 */
export function VetoCard({
  result,
  rubric,
  readOnly,
  onSaved,
}: {
  result: AssessmentResult;
  rubric: RubricInfo | undefined;
  readOnly: boolean;
  onSaved: (result: AssessmentResult) => void;
}) {
  const { modal, message } = App.useApp();
  const report = useReportError();
  const [ticking, setTicking] = useState<Veto | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const ticked = new Map(result.vetoes.map((v) => [v.itemId, v]));
  // The rubric lists every veto; if it has not loaded, show at least the ticked ones.
  const vetoes: Veto[] =
    rubric?.vetoes ??
    result.vetoes.map((v) => ({ id: v.itemId, title: v.title, effect: v.effect, effectText: v.effect }));

  const send = (itemId: string, text: string | null) =>
    call('assessment.setVeto', { branchId: result.branchId, year: result.year, itemId, reason: text });

  const confirmTick = async () => {
    if (!ticking) return;
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onSaved(await send(ticking.id, reason.trim()));
      message.success(`已勾选否决项 ${ticking.id}`);
      setTicking(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  const withdraw = (veto: Veto) =>
    modal.confirm({
      title: `撤销否决项 ${veto.id}？`,
      content: `撤销后“${veto.title}”不再影响本年度等级。`,
      okText: '撤销',
      cancelText: '取消',
      onOk: async () => {
        try {
          onSaved(await send(veto.id, null));
          message.success(`已撤销否决项 ${veto.id}`);
        } catch (caught) {
          report(caught);
        }
      },
    });

  return (
    <Card size="small" title="一票否决项" className="as-vetoes" data-testid="as-vetoes">
      {vetoes.length === 0 ? <div className="muted">考核细则未设否决项。</div> : null}
      <ul className="as-veto-list">
        {vetoes.map((veto) => {
          const on = ticked.get(veto.id);
          return (
            <li key={veto.id} className={on ? 'as-veto as-veto-on' : 'as-veto'}>
              <Checkbox
                checked={!!on}
                disabled={readOnly}
                onChange={() => {
                  if (on) withdraw(veto);
                  else {
                    setReason('');
                    setError(null);
                    setMissing(false);
                    setTicking(veto);
                  }
                }}
              >
                <span className="as-item-id">{veto.id}</span> {veto.title}
              </Checkbox>
              <span className="as-veto-effect">{on ? on.effect : veto.effectText}</span>
              {on ? (
                <div className="as-veto-reason">
                  否决理由：{on.reason}
                  {readOnly ? null : (
                    <Button size="small" type="link" onClick={() => withdraw(veto)}>
                      撤销
                    </Button>
                  )}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Modal
        open={ticking !== null}
        title={ticking ? `勾选否决项 ${ticking.id}` : ''}
        okText="确认否决"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void confirmTick()}
        onCancel={() => setTicking(null)}
        destroyOnHidden
      >
        <p>{ticking?.title}</p>
        <p className="muted">后果：{ticking?.effectText ?? ''}。请写明事实和依据（如处分决定文号）。</p>
        <ApiErrorAlert error={error} />
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          status={missing ? 'error' : undefined}
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
          placeholder="否决理由"
          aria-label="否决理由"
        />
        {missing ? <div className="as-editor-error">请填写否决理由</div> : null}
      </Modal>
    </Card>
  );
}
