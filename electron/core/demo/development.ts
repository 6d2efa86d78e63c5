import { sql } from '../db/sql.ts';
import { type Ledger, today } from '../ledger.ts';
import { createPerson, recordStep } from '../modules/development/people.ts';
import { setTerm } from '../modules/elections/elections.ts';
import { addDays } from '../rules/development-dates.ts';
import type { DemoBranch, DemoGap } from './records.ts';

/** How far along each demo applicant is: the last step reached and how many days ago they applied. */
const PEOPLE: Array<{
  name: string;
  gender: '男' | '女';
  birthDate: string;
  lastStep: number;
  appliedDaysAgo: number;
}> = [
  { name: '钟一鸣', gender: '男', birthDate: '2001-04-12', lastStep: 1, appliedDaysAgo: 20 },
  { name: '廖思雨', gender: '女', birthDate: '2000-09-03', lastStep: 1, appliedDaysAgo: 50 },
  { name: '韦嘉豪', gender: '男', birthDate: '1999-11-21', lastStep: 6, appliedDaysAgo: 300 },
  { name: '蒋雅婷', gender: '女', birthDate: '1997-02-14', lastStep: 11, appliedDaysAgo: 560 },
  { name: '贺子轩', gender: '男', birthDate: '1996-07-30', lastStep: 21, appliedDaysAgo: 875 },
  { name: '邱晓琳', gender: '女', birthDate: '1995-05-05', lastStep: 24, appliedDaysAgo: 1400 },
];

/** Day offsets of each step after the application, a plausible and lawful pace. */
const OFFSETS: Record<number, number> = {
  2: 15,
  3: 60,
  4: 65,
  5: 65,
  6: 240,
  7: 440,
  8: 445,
  9: 450,
  10: 470,
  11: 480,
  12: 500,
  13: 510,
  14: 515,
  15: 530,
  16: 545,
  17: 580,
  18: 590,
  19: 592,
  20: 600,
  21: 720,
  22: 870,
  23: 900,
  24: 950,
};

/**
 * People at every stage of 发展党员 in the first two branches (one applicant deliberately without the
 * one-month talk), and each branch's term (one deliberately within six months of its end).
 */
export function generateDevelopment(ledger: Ledger, branches: DemoBranch[]): DemoGap[] {
  const now = today(ledger);
  const gaps: DemoGap[] = [];
  for (const [index, branch] of branches.entries()) {
    const years = 3;
    const start = index === 1 ? addDays(now, -(years * 365 - 120)) : addDays(now, -(2 * 365));
    setTerm(ledger, { branchId: branch.id, startDate: start, years });
    if (index === 1) gaps.push({ branchId: branch.id, rule: 'TERM-01', period: now.slice(0, 4), what: '任期即将届满' });
    if (index > 1) continue;
    // Sponsors must have been 正式党员 on the roll since before the earliest demo application.
    const since = addDays(now, -Math.max(...PEOPLE.map((p) => p.appliedDaysAgo)));
    const full = ledger.db.all<{ id: number }>(
      'demo.sponsors',
      sql`SELECT m.id FROM member m JOIN member_status s ON s.member_id = m.id
          WHERE s.branch_id = ${branch.id} AND s.to_date IS NULL AND s.from_date <= ${since}
            AND m.full_date IS NOT NULL AND m.full_date <= ${since} ORDER BY m.id LIMIT 2`,
    );
    const sponsors = full.map((m) => m.id);
    const eligible =
      ledger.db.get<{ n: number }>(
        'demo.eligible',
        sql`SELECT COUNT(*) AS n FROM member m JOIN member_status s ON s.member_id = m.id
          WHERE s.branch_id = ${branch.id} AND s.to_date IS NULL AND m.full_date IS NOT NULL`,
      )?.n ?? 0;
    for (const person of PEOPLE) {
      const applied = addDays(now, -person.appliedDaysAgo);
      const created = createPerson(ledger, {
        branchId: branch.id,
        name: person.name,
        gender: person.gender,
        birthDate: person.birthDate,
        appliedOn: applied,
      });
      if (person.lastStep === 1 && person.appliedDaysAgo > 31) {
        gaps.push({ branchId: branch.id, rule: 'DEV-02', period: now.slice(0, 4), what: `${person.name} 谈话逾期` });
      }
      for (let stepNo = 2; stepNo <= person.lastStep; stepNo += 1) {
        const doneOn = addDays(applied, OFFSETS[stepNo] ?? 0);
        const vote = {
          eligible,
          presentEligible: eligible - 1,
          yes: eligible - 1,
          no: 0,
          abstain: 0,
          writtenOpinions: 0,
        };
        const details =
          stepNo === 5 || stepNo === 9
            ? { memberIds: sponsors }
            : stepNo === 11
              ? { trainingDays: 3, trainingHours: 24 }
              : stepNo === 15
                ? { vote }
                : stepNo === 23
                  ? {
                      vote: { ...vote, eligible: eligible + 1, presentEligible: eligible, yes: eligible },
                      outcome: '按期转正' as const,
                    }
                  : {};
        recordStep(ledger, { personId: created.id, stepNo, doneOn, details });
      }
    }
  }
  return gaps;
}
