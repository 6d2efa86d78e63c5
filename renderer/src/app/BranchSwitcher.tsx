import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import type { OrgUnit } from '../../../electron/api/index.ts';
import { branchesByGeneralBranch } from '../modules/org/orgTree.ts';

/** One click to another 党支部; grouped by 党总支 when the ledger has any. */
export function BranchSwitcher({
  units,
  value,
  onChange,
}: {
  units: OrgUnit[];
  value: number;
  onChange: (branchId: number) => void;
}) {
  const options = useMemo<SelectProps['options']>(() => {
    const groups = branchesByGeneralBranch(units);
    const toOption = (branch: OrgUnit) => ({ value: branch.id, label: branch.name });
    if (groups.length === 1 && groups[0]?.label === null) return groups[0].branches.map(toOption);
    return groups.map((group) => ({
      label: group.label ?? '党委直属党支部',
      title: group.label ?? '党委直属党支部',
      options: group.branches.map(toOption),
    }));
  }, [units]);

  return (
    <Select
      aria-label="切换党支部"
      className="branch-switcher"
      value={value}
      options={options}
      onChange={onChange}
      popupMatchSelectWidth={false}
      style={{ minWidth: 220 }}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
