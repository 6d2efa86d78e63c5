import { Select } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';

/** This year and the years before it, newest first: records are never kept for years to come. */
export function yearOptions(count = 8): Array<{ value: number; label: string }> {
  const now = dayjs().year();
  return Array.from({ length: count }, (_, index) => ({ value: now - index, label: `${now - index}年` }));
}

export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const options = yearOptions();
  if (!options.some((option) => option.value === value)) options.push({ value, label: `${value}年` });
  return <Select aria-label="年度" value={value} onChange={onChange} options={options} style={{ width: 110 }} />;
}

/** The page's year, kept in the address (?year=) so going back to the list keeps it. */
export function useYearParam(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const parsed = Number(params.get('year'));
  const year = Number.isInteger(parsed) && parsed >= 2000 && parsed <= 2100 ? parsed : dayjs().year();
  const setYear = (next: number) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        copy.set('year', String(next));
        return copy;
      },
      { replace: true },
    );
  return [year, setYear];
}
