import { useOutletContext } from 'react-router-dom';
import type { OrgUnit } from '../../../electron/api/index.ts';

export interface BranchContext {
  /** The 党支部 in the route (#/branch/:branchId/…). */
  branch: OrgUnit;
}

export function useBranch(): BranchContext {
  return useOutletContext<BranchContext>();
}
