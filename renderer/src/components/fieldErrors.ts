import type { FormInstance } from 'antd';
import type { ApiError, ApiErrorDetail } from '../api/client.ts';

/**
 * Put each detail of a refusal on the form field it names. The ledger names fields by their Chinese
 * label (公民身份号码); a schema error may name the key (idNumber) — both are accepted.
 * Returns the details that matched no field, for a general message above the form.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: ApiError,
  labelToField: Record<string, string>,
): ApiErrorDetail[] {
  const fieldNames = new Set(Object.values(labelToField));
  const byField = new Map<string, string[]>();
  const unplaced: ApiErrorDetail[] = [];
  for (const detail of error.details) {
    const field = detail.field
      ? (labelToField[detail.field] ?? (fieldNames.has(detail.field) ? detail.field : undefined))
      : undefined;
    if (!field) {
      unplaced.push(detail);
      continue;
    }
    byField.set(field, [...(byField.get(field) ?? []), detail.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = byField.keys().next();
  if (!first.done) form.scrollToField(first.value, { block: 'center' });
  return unplaced;
}
