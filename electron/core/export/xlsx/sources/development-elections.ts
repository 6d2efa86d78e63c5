/**
 * 发展党员 (one row per person with the dates of the steps a layout asks for) and 换届选举.
 */
import type { DevPersonDetail } from '../../../../api/development.ts';
import type { ElectionDetail } from '../../../../api/elections.ts';
import { sql } from '../../../db/sql.ts';
import type { Ledger } from '../../../ledger.ts';
import { developmentBoard, getPerson } from '../../../modules/development/people.ts';
import { getTerm, listElections } from '../../../modules/elections/elections.ts';
import { defineSource, type FieldValue, orNull } from './types.ts';

const STEP_FIELDS = Array.from({ length: 25 }, (_, i) => `step${i + 1}` as const);
type StepField = (typeof STEP_FIELDS)[number];

/** The first date each step was done (steps 6 and 21 repeat; the first one is when it began). */
function stepDates(person: DevPersonDetail): Record<StepField, FieldValue> {
  const dates = Object.fromEntries(STEP_FIELDS.map((f) => [f, null])) as Record<StepField, FieldValue>;
  for (const step of person.steps) {
    const key = `step${step.stepNo}` as StepField;
    if (dates[key] === null) dates[key] = step.doneOn;
  }
  return dates;
}

/** 取消 is on the person's record only (the detail shows it as the status 已取消). */
function cancellation(ledger: Ledger, personId: number) {
  return ledger.db.get<{ cancelled_on: string | null; cancel_reason: string | null }>(
    'xlsx.devCancellation',
    sql`SELECT cancelled_on, cancel_reason FROM dev_person WHERE id = ${personId}`,
  );
}

/**
 * Every step with its date, in order ("第1步 2024-03-01、第6步 2024-09-01、第6步 2025-03-01、…";
 * step 23 with its outcome): the columns above show only the milestones, and the deadlines — and
 * so whether a step is overdue — depend on all of them. Read back by the workbook importer.
 */
export function stepLog(person: Pick<DevPersonDetail, 'steps'>): string {
  return person.steps
    .map((s) => {
      const outcome = s.details.outcome
        ? `（${s.details.outcome}${s.details.extensionMonths ? ` ${s.details.extensionMonths} 个月` : ''}）`
        : '';
      return `第${s.stepNo}步 ${s.doneOn}${outcome}`;
    })
    .join('、');
}

/**
 * Who belongs in a year's ledger: anyone who had applied by the year's end and was still in
 * progress then or finished (or was cancelled) during or after it.
 */
function inYear(person: DevPersonDetail, year: number): boolean {
  const applied = person.steps[0]?.doneOn;
  if (!applied || applied > `${year}-12-31`) return false;
  if (person.status === '进行中') return true;
  const last = person.steps.at(-1)?.doneOn ?? applied;
  return last >= `${year}-01-01`;
}

export const development = defineSource(
  [
    'seq',
    'name',
    'gender',
    'birthDate',
    ...STEP_FIELDS,
    'probationEnd',
    'stage',
    'status',
    'nextStep',
    'deadline',
    'overdue',
    'cancelledOn',
    'cancelReason',
    'stepLog',
  ],
  ({ ledger, branch, year }) => {
    const people = developmentBoard(ledger, branch.id, true)
      .map((p) => getPerson(ledger, p.id))
      .filter((p) => inYear(p, year));
    return {
      rows: people.map((p, i) => {
        const next = p.deadlines
          .filter((d) => d.latest !== null)
          .sort((a, b) => (a.latest ?? '').localeCompare(b.latest ?? ''))[0];
        return {
          id: `dev-person:${p.id}`,
          values: {
            seq: i + 1,
            name: p.name,
            gender: p.gender,
            birthDate: p.birthDate,
            ...stepDates(p),
            probationEnd: orNull(p.probationEnd),
            stage: p.stage,
            status: p.status,
            nextStep: p.nextStep ? `第${p.nextStep.no}步 ${p.nextStep.name}` : null,
            deadline: orNull(next?.latest),
            overdue: p.overdue ? '逾期' : null,
            cancelledOn: orNull(cancellation(ledger, p.id)?.cancelled_on),
            cancelReason: orNull(cancellation(ledger, p.id)?.cancel_reason),
            stepLog: orNull(stepLog(p)),
          },
        };
      }),
    };
  },
);

function electionDate(e: ElectionDetail): string | null {
  return e.tally?.heldOn ?? e.plannedOn ?? e.steps.find((s) => s.doneOn !== null)?.doneOn ?? null;
}

export const elections = defineSource(
  ['seq', 'plannedOn', 'heldOn', 'seats', 'candidates', 'due', 'present', 'elected', 'stepsDone', 'status'],
  ({ ledger, branch, year }) => {
    const inYearList = listElections(ledger, branch.id)
      .filter((e) => {
        const date = electionDate(e);
        // An election still being prepared with no date yet belongs to the current ledger year.
        return date ? date.startsWith(String(year)) : e.status === '筹备中';
      })
      .sort((a, b) => (electionDate(a) ?? '').localeCompare(electionDate(b) ?? '') || a.id - b.id);
    const term = getTerm(ledger, branch.id);
    return {
      rows: inYearList.map((e, i) => ({
        id: `election:${e.id}`,
        values: {
          seq: i + 1,
          plannedOn: orNull(e.plannedOn),
          heldOn: orNull(e.tally?.heldOn),
          seats: e.seats,
          candidates: orNull(e.candidates.map((c) => c.name).join('、')),
          due: e.tally?.due ?? null,
          present: e.tally?.present ?? null,
          elected: orNull(e.tally?.elected.map((x) => `${x.name}（${x.yes}票）`).join('、')),
          stepsDone: `${e.steps.filter((s) => s.doneOn !== null).length}/${e.steps.length}`,
          status: e.status,
        },
      })),
      notes: [
        term.startDate
          ? `本届支委会任期：${term.startDate} 至 ${term.endDate ?? ''}（${term.years} 年）。${term.message}`
          : term.message,
      ],
    };
  },
);
