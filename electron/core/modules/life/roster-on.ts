import type { RosterCandidate } from '../../../api/life.ts';
import type { Ledger } from '../../ledger.ts';
import { listMembers } from '../org/members-read.ts';

const COMMITTEE_POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'];

/**
 * Who a meeting expects, as the roster stood on its date: the whole branch, the 支委会
 * (members holding a committee post that day) or one 党小组.
 */
export function rosterOn(
  ledger: Ledger,
  input: { branchId: number; date: string; scope: 'branch' | 'committee' | 'group'; groupId?: number },
): RosterCandidate[] {
  const members = listMembers(ledger, { branchId: input.branchId, asOf: input.date });
  return members
    .filter((m) => {
      if (input.scope === 'committee') return m.posts.some((p) => COMMITTEE_POSTS.includes(p));
      if (input.scope === 'group') return input.groupId !== undefined && m.groupId === input.groupId;
      return true;
    })
    .map((m) => ({ memberId: m.id, name: m.name, membership: m.membership, groupId: m.groupId, posts: m.posts }));
}
