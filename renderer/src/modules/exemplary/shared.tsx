import { Alert, Tag } from 'antd';
import type { CommitmentStatus, ExemplaryScheme } from '../../../../electron/api/index.ts';
import type { ApiError, ApiErrorDetail } from '../../api/client.ts';
import { ErrorDetailsList } from '../../components/ApiErrorView.tsx';

/** A copy of the contract's list: importing electron/api as a value would bundle zod into the renderer. */
export const COMMITMENT_STATUSES: CommitmentStatus[] = ['践诺中', '已践诺', '未践诺'];
const STATUS_COLORS: Record<CommitmentStatus, string> = { 践诺中: 'processing', 已践诺: 'success', 未践诺: 'error' };

export type Refusal = { error: ApiError; unplaced: ApiErrorDetail[] } | null;

export function RefusalAlert({ refusal }: { refusal: Refusal }) {
  if (!refusal) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={refusal.error.message}
      description={refusal.unplaced.length ? <ErrorDetailsList details={refusal.unplaced} /> : undefined}
    />
  );
}

export function StatusTag({ status }: { status: CommitmentStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {status}
    </Tag>
  );
}

const CHINESE_NUMBERS = ['', '一', '二', '三', '四', '五'];

/** 一星 … 五星 as the scheme names them; 0 is 不评星. */
export function starName(scheme: ExemplaryScheme | undefined, stars: number): string {
  if (stars === 0) return '不评星';
  return scheme?.stars.find((s) => s.stars === stars)?.label ?? `${CHINESE_NUMBERS[stars] ?? stars}星`;
}

/** The branch's decision as a tag: gold stars, or grey 不评星. */
export function StarTag({ scheme, stars }: { scheme: ExemplaryScheme | undefined; stars: number }) {
  if (stars === 0)
    return (
      <Tag className="ex-star-tag" data-stars={0}>
        不评星
      </Tag>
    );
  return (
    <Tag color="gold" variant="solid" className="ex-star-tag" data-stars={stars}>
      {starName(scheme, stars)} <span aria-hidden="true">{'★'.repeat(stars)}</span>
    </Tag>
  );
}

/** 4.3 → "4.3 星" (互评 averages keep one decimal). */
export function starFigure(stars: number): string {
  return `${Math.round(stars * 10) / 10} 星`;
}
