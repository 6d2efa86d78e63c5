import {
  deleteCommitment,
  deletePost,
  endPost,
  listCommitments,
  listPosts,
  saveCommitment,
  savePost,
} from '../modules/exemplary/posts.ts';
import { decide, peerAssess, selfAssess, setCheck, starBoard } from '../modules/exemplary/stars.ts';
import { ruleText } from '../rules/exemplary.ts';
import { defaultExemplaryScheme } from '../templates/exemplary.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<keyof Handlers, `exemplary.${string}`>;

export function exemplaryHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  return {
    'exemplary.scheme': () => {
      const s = defaultExemplaryScheme();
      return {
        id: s.id,
        name: s.name,
        version: s.version,
        example: s.example,
        issuer: s.issuer,
        note: s.note ?? null,
        postKinds: s.postKinds,
        period: s.period,
        steps: [...s.steps],
        stars: s.stars,
        disqualifiers: s.disqualifiers.map((d) => ({
          id: d.id,
          title: d.title,
          rule: ruleText(d),
          manual: d.kind === 'manual',
          source: d.source,
        })),
      };
    },
    'exemplary.posts': (input) => listPosts(ledger(), input.branchId, input.year),
    'exemplary.savePost': (input) => savePost(ledger(), input),
    'exemplary.endPost': (input) => endPost(ledger(), input),
    'exemplary.deletePost': (input) => deletePost(ledger(), input.id),
    'exemplary.commitments': (input) => listCommitments(ledger(), input.branchId, input.year),
    'exemplary.saveCommitment': (input) => saveCommitment(ledger(), input),
    'exemplary.deleteCommitment': (input) => deleteCommitment(ledger(), input.id),
    'exemplary.stars': (input) => starBoard(ledger(), input.branchId, input.period),
    'exemplary.selfAssess': (input) => selfAssess(ledger(), input),
    'exemplary.peerAssess': (input) => peerAssess(ledger(), input),
    'exemplary.decide': (input) => decide(ledger(), input),
    'exemplary.setCheck': (input) => setCheck(ledger(), input),
  };
}
