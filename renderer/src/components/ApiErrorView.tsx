import { Alert, App } from 'antd';
import { useCallback } from 'react';
import { type ApiError, type ApiErrorDetail, toApiError } from '../api/client.ts';

/** Where a problem is, the way a clerk would say it: 文件 · 工作表 · 第 3 行 · C 列 · 公民身份号码. */
export function detailPlace(detail: ApiErrorDetail): string {
  const parts: string[] = [];
  if (detail.file) parts.push(detail.file);
  if (detail.sheet) parts.push(`工作表「${detail.sheet}」`);
  if (detail.row !== undefined) parts.push(`第 ${detail.row} 行`);
  if (detail.column) parts.push(`${detail.column} 列`);
  if (detail.field) parts.push(detail.field);
  return parts.join(' · ');
}

export function ErrorDetailsList({ details }: { details: ApiErrorDetail[] }) {
  if (details.length === 0) return null;
  return (
    <ul className="error-details">
      {details.map((detail, index) => {
        const place = detailPlace(detail);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: details are a fixed list from one answer
          <li key={index}>
            {place ? <strong>{place}：</strong> : null}
            {detail.message}
          </li>
        );
      })}
    </ul>
  );
}

/** An inline, non-modal display of one error (inside a page, a form or a dialog). */
export function ApiErrorAlert({ error, onRetry }: { error: ApiError | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error.message}
      description={error.details.length > 0 ? <ErrorDetailsList details={error.details} /> : undefined}
      action={
        onRetry ? (
          <button type="button" className="link-button" onClick={onRetry}>
            重试
          </button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * The global display for an error the page cannot place anywhere better: a notification with the
 * message and every detail, kept open while there are details to read.
 */
export function useReportError(): (error: unknown) => void {
  const { notification } = App.useApp();
  return useCallback(
    (caught: unknown) => {
      const error = toApiError(caught);
      notification.error({
        title: error.message,
        description: error.details.length > 0 ? <ErrorDetailsList details={error.details} /> : undefined,
        duration: error.details.length > 0 ? 0 : 6,
        placement: 'topRight',
      });
    },
    [notification],
  );
}
