import { App, Button, Input, InputNumber, Radio } from 'antd';
import { useEffect, useState } from 'react';
import type { AssessmentResult, ItemScore } from '../../../../electron/api/index.ts';
import { type ApiError, call, toApiError } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';
import { isTiered, LEVEL_SHARES, levelPoints, pts } from './shared.tsx';

/**
 * One manual item's score: 好/较好/一般/差 for tiered items, or any value in steps of 0.25 up to the
 * item's maximum, with the assessor's comment; saved with assessment.scoreItem.
 */
export function ManualScoreEditor({
  branchId,
  year,
  item,
  onSaved,
}: {
  branchId: number;
  year: number;
  item: ItemScore;
  onSaved: (result: AssessmentResult) => void;
}) {
  const { message } = App.useApp();
  const [points, setPoints] = useState<number | null>(item.points);
  const [comment, setComment] = useState(item.comment ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // A fresh answer from the ledger (this item or another) resets the editor to what is stored.
  useEffect(() => {
    setPoints(item.points);
    setComment(item.comment ?? '');
  }, [item.points, item.comment]);

  const dirty = points !== item.points || comment.trim() !== (item.comment ?? '');
  const tiered = isTiered(item);
  const levels = LEVEL_SHARES.map(({ level, share }) => ({ level, points: levelPoints(item.maxPoints, share) }));
  const chosen = levels.find((l) => l.points === points)?.level;

  const save = async () => {
    if (points === null) return;
    setSaving(true);
    setError(null);
    try {
      const result = await call('assessment.scoreItem', {
        branchId,
        year,
        itemId: item.itemId,
        points,
        comment: comment.trim() || undefined,
      });
      onSaved(result);
      message.success(`已保存 ${item.itemId} ${item.title}：${pts(points)} 分`);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="as-editor" data-testid={`editor-${item.itemId}`}>
      <div className="as-editor-row">
        {tiered ? (
          <Radio.Group
            size="small"
            optionType="button"
            buttonStyle="solid"
            value={chosen}
            onChange={(event) => setPoints(levels.find((l) => l.level === event.target.value)?.points ?? null)}
            options={levels.map((l) => ({ value: l.level, label: `${l.level} ${pts(l.points)}` }))}
            aria-label={`${item.title} 分档`}
          />
        ) : null}
        <InputNumber
          size="small"
          min={0}
          max={item.maxPoints}
          step={0.25}
          // Show 4 and 2.25 as the rubric writes them, not 4.00; leave the clerk's typing alone.
          formatter={(value, info) => (info.userTyping ? info.input : value === undefined ? '' : pts(Number(value)))}
          value={points}
          onChange={(value) => setPoints(typeof value === 'number' ? value : null)}
          suffix="分"
          style={{ width: 96 }}
          aria-label={`${item.title} 得分`}
        />
        <Input
          size="small"
          className="as-editor-comment"
          value={comment}
          maxLength={500}
          placeholder="评分说明（依据、扣分原因）"
          onChange={(event) => setComment(event.target.value)}
          onPressEnter={() => void save()}
          aria-label={`${item.title} 评分说明`}
        />
        <Button
          size="small"
          type={dirty ? 'primary' : 'default'}
          disabled={!dirty || points === null}
          loading={saving}
          onClick={() => void save()}
        >
          保存
        </Button>
      </div>
      {dirty && points !== null ? <div className="as-editor-hint">已修改，尚未保存</div> : null}
      {error ? (
        <div className="as-editor-error" role="alert">
          {error.message}
          {error.details.length > 1 ? <ErrorDetailsList details={error.details} /> : null}
        </div>
      ) : null}
    </div>
  );
}
