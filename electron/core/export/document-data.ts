import type { DevStepDetails, DevStepRecord } from '../../api/development.ts';
import type { OrgUnit } from '../../api/org.ts';
import { sql } from '../db/sql.ts';
import { LedgerError } from '../errors.ts';
import { type Ledger, today } from '../ledger.ts';
import { getAssessment } from '../modules/assessment/assessment.ts';
import { getPerson } from '../modules/development/people.ts';
import { getElection, getTerm } from '../modules/elections/elections.ts';
import { listTalks } from '../modules/life/talks.ts';
import { getMember, listMembers } from '../modules/org/members-read.ts';
import { listUnits } from '../modules/org/units.ts';
import { addMonths, chineseDate } from '../rules/development-dates.ts';
import { devStageTitles, devStepDefinitions } from '../rules/development-steps.ts';
import { parameter, type RuleSet, sourceOf } from '../templates/ruleset.ts';
import {
  type DevelopmentRecordData,
  type DevelopmentTemplate,
  type DevHeaderField,
  type DevTimeRule,
  type DevTimeRuleResult,
  defaultDevelopmentTemplate,
} from './docx/development-record.ts';
import type { ElectionPackData } from './docx/election-pack.ts';
import { dateCn, dateDot } from './docx/format.ts';
import { fill } from './docx/layout.ts';
import type { ScoreField, ScoreSheetData } from './docx/score-sheet.ts';
import type { TalkField, TalkRecordData } from './docx/talk-record.ts';

/**
 * Reads one record of the ledger into the plain data a single document prints (谈心谈话记录,
 * 发展党员全程记实表, 换届选举文书, 考核评分表), through the modules' own read functions.
 */

/** A blank to fill in by hand on the printed form (a count not known yet). */
const BLANK = '　　';

function branchOf(ledger: Ledger, branchId: number): { branch: OrgUnit; units: OrgUnit[] } {
  const units = listUnits(ledger);
  const branch = units.find((u) => u.id === branchId);
  if (!branch)
    throw new LedgerError('NOT_FOUND', `找不到编号为 ${branchId} 的党支部。`, [{ field: '党支部', message: '不存在' }]);
  return { branch, units };
}

function topOf(units: OrgUnit[], unit: OrgUnit): OrgUnit {
  let current = unit;
  for (let guard = 0; current.parentId !== null && guard < 10; guard += 1) {
    const parent = units.find((u) => u.id === current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

// ————— 谈心谈话记录 —————

export function gatherTalkRecord(ledger: Ledger, talkId: number): TalkRecordData {
  const row = ledger.db.get<{ branch_id: number; held_on: string }>(
    'doc.talk',
    sql`SELECT branch_id, held_on FROM talk WHERE id = ${talkId}`,
  );
  const talk = row
    ? listTalks(ledger, row.branch_id, Number(row.held_on.slice(0, 4))).find((t) => t.id === talkId)
    : null;
  if (!row || !talk)
    throw new LedgerError('NOT_FOUND', `找不到编号为 ${talkId} 的谈心谈话记录。`, [
      { field: '谈话记录', message: '不存在' },
    ]);
  const { branch } = branchOf(ledger, talk.branchId);
  const fields: Record<TalkField, string> = {
    branch: branch.name,
    heldOn: talk.heldOn,
    heldOnText: dateCn(talk.heldOn),
    talker: talk.talkerName,
    talkee: talk.talkeeName,
    type: talk.type,
    mode: talk.mode,
    place: talk.place ?? '',
    content: talk.content,
    followUp: talk.followUp ?? '无',
    enteredOn: dateCn(talk.enteredAt.slice(0, 10)),
  };
  return { fields, names: [talk.talkerName, talk.talkeeName] };
}

// ————— 发展党员全程记实表 —————

function memberNames(ledger: Ledger, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    ledger.db
      .all<{ id: number; name: string }>(
        'doc.memberNames',
        sql`SELECT id, name FROM member WHERE id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(ids)])}))`,
      )
      .map((m) => [m.id, m.name]),
  );
}

function detailText(details: DevStepDetails, sponsorStep: boolean, names: Map<number, string>): string[] {
  const lines: string[] = [];
  const list = (ids: number[] | undefined) => (ids ?? []).map((id) => names.get(id) ?? `党员编号 ${id}`).join('、');
  if (details.memberIds && details.memberIds.length > 0)
    lines.push(`${sponsorStep ? '入党介绍人' : '培养联系人'}：${list(details.memberIds)}`);
  if (details.talker) lines.push(`谈话人：${details.talker}`);
  if (details.trainingDays !== undefined || details.trainingHours !== undefined) {
    const parts = [
      details.trainingDays !== undefined ? `${details.trainingDays}天` : '',
      details.trainingHours !== undefined ? `${details.trainingHours}学时` : '',
    ].filter(Boolean);
    lines.push(`集中培训${parts.join('、')}`);
  }
  if (details.vote) {
    const v = details.vote;
    lines.push(
      `应到会有表决权${v.eligible}人，实到${v.presentEligible}人，书面意见${v.writtenOpinions}份；赞成${v.yes}票、反对${v.no}票、弃权${v.abstain}票`,
    );
  }
  if (details.outcome)
    lines.push(
      `结论：${details.outcome}${details.outcome === '延长预备期' && details.extensionMonths ? `${details.extensionMonths}个月` : ''}`,
    );
  return lines;
}

/** The short name of who acts, when the record names nobody: the step's actor up to its first clause. */
function shortActor(actor: string): string {
  const clause = actor.split(/[（，；]/)[0] ?? actor;
  // 入党申请人向…党组织提出: the one who acts is before 向.
  return clause.split('向')[0] || clause;
}

/** One time rule over the recorded steps: satisfied, violated, or not reached yet (as of `asOf`). */
export function evaluateTimeRule(
  rule: DevTimeRule,
  steps: readonly DevStepRecord[],
  ruleSet: RuleSet,
  asOf: string,
): Omit<DevTimeRuleResult, 'label'> & { values: Record<string, number> } {
  const first = (no: number) =>
    steps.filter((s) => s.stepNo === no).sort((a, b) => a.doneOn.localeCompare(b.doneOn))[0];
  const source = sourceOf(ruleSet, rule.parameter);
  if (rule.kind === 'training') {
    const days = parameter(ruleSet, 'dev.training.minDays');
    const hours = parameter(ruleSet, 'dev.training.minHours');
    const record = first(rule.to);
    const values = { days, hours };
    if (!record) return { source, verdict: 'pending', detail: '', values };
    const d = record.details;
    const ok = (d.trainingDays ?? 0) >= days || (d.trainingHours ?? 0) >= hours;
    const done = [
      d.trainingDays !== undefined ? `${d.trainingDays}天` : '',
      d.trainingHours !== undefined ? `${d.trainingHours}学时` : '',
    ]
      .filter(Boolean)
      .join('、');
    const reason = !ok && record.overrideReason ? `（书面理由：${record.overrideReason}）` : '';
    return { source, verdict: ok ? 'satisfied' : 'violated', detail: `实际培训${done || '未登记'}${reason}`, values };
  }
  const months = parameter(ruleSet, rule.parameter);
  const values = { months };
  const from = first(rule.from);
  if (!from) return { source, verdict: 'pending', detail: '', values };
  const limit = addMonths(from.doneOn, months);
  const to = first(rule.to);
  const fromName = devStepDefinitions().find((d) => d.no === rule.from)?.name ?? '';
  const toName = devStepDefinitions().find((d) => d.no === rule.to)?.name ?? '';
  if (!to) {
    // Overdue already: a "within" deadline that has passed without the step.
    if (rule.kind === 'within' && asOf > limit)
      return { source, verdict: 'violated', detail: `${chineseDate(from.doneOn)}${fromName}，至今未${toName}`, values };
    return { source, verdict: 'pending', detail: '', values };
  }
  const ok = rule.kind === 'within' ? to.doneOn <= limit : to.doneOn >= limit;
  const reason = !ok && to.overrideReason ? `（书面理由：${to.overrideReason}）` : '';
  return {
    source,
    verdict: ok ? 'satisfied' : 'violated',
    detail: `${chineseDate(from.doneOn)}${fromName}，${chineseDate(to.doneOn)}${toName}${reason}`,
    values,
  };
}

function maskId(id: string | null): string {
  if (!id) return '';
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;
}

export function gatherDevelopmentRecord(
  ledger: Ledger,
  personId: number,
  template: DevelopmentTemplate = defaultDevelopmentTemplate(),
): DevelopmentRecordData {
  const person = getPerson(ledger, personId);
  const { branch } = branchOf(ledger, person.branchId);
  const member = person.memberId !== null ? getMember(ledger, person.memberId) : null;
  const definitions = devStepDefinitions();
  const names = memberNames(
    ledger,
    person.steps.flatMap((s) => s.details.memberIds ?? []),
  );
  const on = (no: number) => dateCn(person.steps.find((s) => s.stepNo === no)?.doneOn);
  const idsOf = (no: number) =>
    (person.steps.filter((s) => s.stepNo === no).at(-1)?.details.memberIds ?? [])
      .map((id) => names.get(id) ?? '')
      .join('、');
  const conversion = person.steps.filter((s) => s.stepNo === 24).at(-1);
  const status =
    person.status === '进行中'
      ? `${person.stage}${person.nextStep ? `（下一步：第${person.nextStep.no}步 ${person.nextStep.name}）` : ''}`
      : person.status;
  const header: Record<DevHeaderField, string> = {
    name: person.name,
    gender: person.gender,
    birthMonth: `${Number(person.birthDate.slice(0, 4))}年${Number(person.birthDate.slice(5, 7))}月`,
    ethnicity: member?.ethnicity ?? '',
    education: member?.education ?? '',
    idNumberMasked: maskId(person.idNumber),
    job: person.job ?? member?.job ?? '',
    phone: person.phone ?? '',
    branch: branch.name,
    appliedOn: on(1),
    activistOn: on(3),
    candidateOn: on(7),
    acceptedOn: on(15),
    probationEnd: dateCn(person.probationEnd),
    fullOn: person.status === '已转正' && conversion ? dateCn(person.probationEnd) : '',
    contacts: idsOf(5),
    sponsors: idsOf(9),
    status,
    today: dateCn(today(ledger)),
  };
  // The five stages as the official flow chart titles them (templates/development/steps.json).
  const stages = devStageTitles().map(({ stage, title }) => ({
    title,
    steps: definitions
      .filter((d) => d.stage === stage)
      .map((d) => ({
        no: d.no,
        name: d.name,
        records: person.steps
          .filter((s) => s.stepNo === d.no)
          .sort((a, b) => a.ordinal - b.ordinal)
          .map((s) => ({
            date: dateDot(s.doneOn),
            who: s.decidedBy ?? s.details.talker ?? shortActor(d.actor),
            record: [
              ...detailText(s.details, d.details.includes('sponsors'), names),
              s.docNo ? `文号：${s.docNo}` : '',
              s.note ? `备注：${s.note}` : '',
              s.overrideReason ? `书面理由：${s.overrideReason}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
          })),
      })),
  }));
  const asOf = today(ledger);
  const timeRules = template.timeRules.rules.map((rule) => {
    const result = evaluateTimeRule(rule, person.steps, ledger.ruleSet, asOf);
    const label = fill(rule.label, result.values);
    return { label, source: result.source, verdict: result.verdict, detail: result.detail };
  });
  return {
    header,
    stages,
    timeRules,
    names: [person.name, ...names.values()],
  };
}

// ————— 换届选举文书 —————

export function gatherElectionPack(ledger: Ledger, electionId: number): ElectionPackData {
  const election = getElection(ledger, electionId);
  const { branch, units } = branchOf(ledger, election.branchId);
  const parent = units.find((u) => u.id === branch.parentId);
  const tally = election.tally;
  const asOf = tally?.heldOn ?? today(ledger);
  const members = listMembers(ledger, { branchId: branch.id, asOf });
  const full = members.filter((m) => m.membership === '正式党员').length;
  const term = getTerm(ledger, branch.id);
  // After the election the term restarts on its date: the old term is no longer known here.
  const oldTerm = term.startDate && (!tally || term.startDate < tally.heldOn) ? term : null;
  const request = election.steps.find((s) => s.no === 2)?.doneOn ?? null;
  const ratio = parameter(ledger.ruleSet, 'election.differentialRatio');
  const candidates = Math.max(election.candidates.length, election.minimumCandidates);
  const count = (n: number | undefined) => (n === undefined ? BLANK : String(n));
  const eligible = tally ? tally.due - tally.excluded.length : undefined;
  const values: ElectionPackData['values'] = {
    branch: branch.name,
    organisation: topOf(units, branch).name,
    parentOrganisation: parent?.name ?? '',
    members: String(members.length),
    fullMembers: String(full),
    probationers: String(members.length - full),
    termStart: oldTerm?.startDate ? dateCn(oldTerm.startDate) : `${BLANK}年${BLANK}月${BLANK}日`,
    termEnd: oldTerm?.endDate ? dateCn(oldTerm.endDate) : `${BLANK}年${BLANK}月${BLANK}日`,
    termYears: oldTerm ? String(oldTerm.years) : BLANK,
    plannedOn: election.plannedOn
      ? dateCn(election.plannedOn)
      : tally
        ? dateCn(tally.heldOn)
        : `${BLANK}年${BLANK}月${BLANK}日`,
    requestDate: request ? dateCn(request) : dateCn(today(ledger)),
    seats: String(election.seats),
    ratio: String(Math.round(ratio * 100)),
    candidates: String(candidates),
    difference: String(candidates - election.seats),
    base: election.base,
    heldOn: tally ? dateCn(tally.heldOn) : `${BLANK}年${BLANK}月${BLANK}日`,
    eligible: count(eligible),
    present: count(tally?.present),
    ballotsIssued: count(tally?.ballotsIssued),
    ballotsReturned: count(tally?.ballotsReturned),
    validBallots: count(tally ? tally.ballotsReturned - tally.invalidBallots : undefined),
    invalidBallots: count(tally?.invalidBallots),
    threshold: count(tally?.threshold),
    scrutineers: election.scrutineers.map((s) => s.name).join('、'),
  };
  const elected = new Set(tally?.elected.map((e) => e.name) ?? []);
  const candidateNames = new Set(election.candidates.map((c) => c.name));
  const results = (tally?.votes ?? []).map((v) => ({
    name: v.name,
    yes: String(v.yes),
    candidate: candidateNames.has(v.name),
    elected: elected.has(v.name),
  }));
  return {
    values,
    checks: tally ? { attendanceValid: tally.attendanceValid, batchValid: tally.batchValid } : null,
    candidates: election.candidates.map((c) => ({ order: c.order, name: c.name })),
    results,
    names: [
      ...election.candidates.map((c) => c.name),
      ...election.scrutineers.map((s) => s.name),
      ...results.map((r) => r.name),
    ],
  };
}

// ————— 考核评分表 —————

export function gatherScoreSheet(ledger: Ledger, branchId: number, year: number): ScoreSheetData {
  const { branch } = branchOf(ledger, branchId);
  if (branch.kind !== '党支部')
    throw new LedgerError('NOT_FOUND', `编号为 ${branchId} 的组织不是党支部。`, [
      { field: '党支部', message: '不是党支部' },
    ]);
  const result = getAssessment(ledger, branchId, year);
  const day = (iso: string | null) => (iso ? dateCn(iso.slice(0, 10)) : '未进行');
  const values: Record<ScoreField, string> = {
    branch: result.branchName || branch.name,
    year: String(year),
    rubric: `${result.rubric.name} ${result.rubric.version}`,
    total: String(Math.round(result.total * 10) / 10),
    maxTotal: String(result.maxTotal),
    tier: result.proposedTier,
    vetoes: result.vetoes.length > 0 ? result.vetoes.map((v) => `${v.title}（${v.reason}）`).join('；') : '无',
    blockers: result.blockers.length > 0 ? result.blockers.join('；') : '无',
    stage: result.stage,
    selfScoredAt: day(result.selfScoredAt),
    reviewedAt: day(result.reviewedAt),
    publicity: result.publicity ? `${dateCn(result.publicity.from)}至${dateCn(result.publicity.to)}` : '未公示',
  };
  return {
    values,
    items: result.items.map((item) => ({
      category: item.category,
      item: item.title,
      maxPoints: item.maxPoints,
      score: item.points,
      mode: item.mode === 'auto' ? '自动' : '人工',
      explanation: item.explanation,
      evidence: item.evidence.map((e) => e.label),
      comment: item.comment ?? '',
    })),
    names: [],
  };
}
