import type { VerifyStatus } from '../../../../electron/api/index.ts';

/** What a branch's file is worth as evidence, in the auditor's words (verify / import report). */
export const INTEGRITY_TAGS: Record<VerifyStatus, { color: string; text: string }> = {
  intact: { color: 'green', text: '完好' },
  edited: { color: 'orange', text: '导出后被修改' },
  unsigned: { color: 'default', text: '无签名' },
  'bad-signature': { color: 'red', text: '签名不符' },
};
