import { describe, expect, it } from 'vitest';
import {
  electionDocuments,
  electionStepDefinitions,
  loadElectionTemplates,
} from '../../../electron/core/rules/election-steps.ts';
import data from '../../../templates/elections/steps.json' with { type: 'json' };

describe('templates/elections: the ten steps and the document pack', () => {
  it('has the ten steps in order, each with its documents', () => {
    const defs = electionStepDefinitions();
    expect(defs.map((d) => d.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(defs[7]?.rule).toContain('五分之四');
    for (const d of defs) expect(d.documents.length).toBeGreaterThan(0);
  });

  it('says which step produces each document of the pack', () => {
    const docs = electionDocuments();
    expect(docs.find((d) => d.item.startsWith('选举结果报告单'))?.stepNo).toBe(8);
    expect(docs.find((d) => d.item.startsWith('正式候选人名单'))?.stepNo).toBe(6);
    for (const d of docs) expect(d.stepNo).not.toBeNull();
  });

  it('refuses a pack with a missing step or a document from a step that does not exist', () => {
    expect(() => loadElectionTemplates({ ...data, steps: data.steps.slice(0, 9) })).toThrow(/expected 10 steps/);
    expect(() => loadElectionTemplates({ ...data, documents: [{ item: '多余', stepNo: 11 }] })).toThrow(/step 11/);
  });
});
