import dayjs from 'dayjs';

/** 2026-03-01 14:05 — timestamps from the ledger are ISO strings. */
export function formatDateTime(value: string): string {
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm') : value;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** DatePicker value ↔ the contract's YYYY-MM-DD. */
export const DATE_FORMAT = 'YYYY-MM-DD';

export function toIsoDate(value: dayjs.Dayjs | null | undefined): string | undefined {
  return value ? value.format(DATE_FORMAT) : undefined;
}

export function fromIsoDate(value: string | null | undefined): dayjs.Dayjs | undefined {
  return value ? dayjs(value, DATE_FORMAT) : undefined;
}

export function today(): string {
  return dayjs().format(DATE_FORMAT);
}
