import type { OrgUnit } from '../../../../electron/api/index.ts';

const LAST_BRANCH_KEY = 'ledger.lastBranchId';

function bySortOrder(a: OrgUnit, b: OrgUnit): number {
  return a.sortOrder - b.sortOrder || a.id - b.id;
}

export function childrenOf(units: OrgUnit[], parentId: number | null): OrgUnit[] {
  return units.filter((unit) => unit.parentId === parentId).sort(bySortOrder);
}

/** All 党支部 in tree order (under the 党委 first, then under each 党总支). */
export function branchesOf(units: OrgUnit[]): OrgUnit[] {
  const ordered: OrgUnit[] = [];
  const walk = (parentId: number | null) => {
    for (const unit of childrenOf(units, parentId)) {
      if (unit.kind === '党支部') ordered.push(unit);
      else if (unit.kind !== '党小组') walk(unit.id);
    }
  };
  walk(null);
  return ordered;
}

export function groupsOf(units: OrgUnit[], branchId: number): OrgUnit[] {
  return childrenOf(units, branchId).filter((unit) => unit.kind === '党小组');
}

export interface BranchGroup {
  /** The 党总支's name, or null for branches directly under the 党委. */
  label: string | null;
  branches: OrgUnit[];
}

/** Branches grouped by their 党总支, for the branch switcher. */
export function branchesByGeneralBranch(units: OrgUnit[]): BranchGroup[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const groups = new Map<number | null, BranchGroup>();
  for (const branch of branchesOf(units)) {
    const parent = branch.parentId === null ? undefined : byId.get(branch.parentId);
    const key = parent?.kind === '党总支' ? parent.id : null;
    const group = groups.get(key) ?? { label: key === null ? null : (parent?.name ?? null), branches: [] };
    group.branches.push(branch);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function rememberBranch(branchId: number): void {
  try {
    localStorage.setItem(LAST_BRANCH_KEY, String(branchId));
  } catch {
    // Storage can be unavailable (private window); remembering is only a convenience.
  }
}

/** The branch to open: the one used last if it still exists, else the first one. */
export function preferredBranch(units: OrgUnit[]): OrgUnit | undefined {
  const branches = branchesOf(units);
  let remembered: number | null = null;
  try {
    remembered = Number(localStorage.getItem(LAST_BRANCH_KEY)) || null;
  } catch {
    remembered = null;
  }
  return branches.find((branch) => branch.id === remembered) ?? branches[0];
}
