import type { RosterCandidate } from '../../../api/life.ts';
import { COMMITTEE_POSTS } from '../../../api/org.ts';
import type { Ledger } from '../../ledger.ts';
import { listMembers } from '../org/members-read.ts';

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
      if (input.scope === 'committee') return m.posts.some((p) => (COMMITTEE_POSTS as readonly string[]).includes(p));
      if (input.scope === 'group') return input.groupId !== undefined && m.groupId === input.groupId;
      return true;
    })
    .map((m) => ({ memberId: m.id, name: m.name, membership: m.membership, groupId: m.groupId, posts: m.posts }));
}
