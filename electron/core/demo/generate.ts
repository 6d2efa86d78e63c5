import type { MemberFields } from '../../api/org.ts';
import { sql } from '../db/sql.ts';
import { type Ledger, today, write } from '../ledger.ts';
import { idNumberCheckChar } from '../modules/org/import/id-number.ts';
import { insertMember } from '../modules/org/members-write.ts';
import { addDays } from '../rules/development-dates.ts';
import { generateAssessments } from './assessment.ts';
import { generateDevelopment } from './development.ts';
import { generateDutyTasks } from './duties.ts';
import { generateExemplary } from './exemplary.ts';
import {
  BRANCH_NAMES,
  CATEGORIES,
  EDUCATIONS,
  ETHNICITIES,
  GIVEN,
  GROUP_NAMES,
  JOBS,
  REGIONS,
  SURNAMES,
} from './names.ts';
import { type DemoBranch, type DemoGap, generateRecords } from './records.ts';

/**
 * Deterministic synthetic ledgers for demos, end-to-end tests and benchmarks: the same seed
 * always gives the same ledger (mulberry32; no Math.random).
 */
export interface DemoOptions {
  branches: number;
  members: number;
  years: number;
  seed: number;
}

export interface DemoSummary {
  branches: number;
  members: number;
  years: number;
  seed: number;
  committeeId: number;
  meetings: number;
  /** The periods deliberately left without a required record, for `check` to find. */
  gaps: DemoGap[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function generateDemo(ledger: Ledger, options: DemoOptions): DemoSummary {
  const roster = generateRoster(ledger, options);
  // 发展党员 and terms go through the services, each step checked and audited like a clerk's entry;
  // the records come after them, so people accepted into the branch attend its meetings and pay dues.
  const developmentGaps = generateDevelopment(ledger, roster.branchList);
  const records = write(ledger, () => {
    const result = generateRecords(ledger, roster.branchList, {
      years: options.years,
      today: today(ledger),
      random: rng(options.seed + 1),
    });
    return {
      result,
      audit: {
        action: 'demo.records',
        entity: 'ledger',
        after: { meetings: result.meetings },
        summary: `生成示例组织生活记录 ${result.meetings} 条`,
      },
    };
  });
  generateAssessments(ledger, roster.branchList, options.years);
  generateExemplary(ledger, roster.branchList, options.years);
  generateDutyTasks(ledger, roster.branchList, options.years);
  const { branchList: _branches, ...rest } = roster;
  return { ...rest, meetings: records.meetings, gaps: [...records.gaps, ...developmentGaps] };
}

function generateRoster(ledger: Ledger, options: DemoOptions): DemoSummary & { branchList: DemoBranch[] } {
  const random = rng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const now = today(ledger);
  const currentYear = Number(now.slice(0, 4));
  const usedIds = new Set(
    ledger.db
      .all<{ id_number: string }>('demo.ids', sql`SELECT id_number FROM member WHERE id_number IS NOT NULL`)
      .map((r) => r.id_number),
  );

  const idNumber = (birth: string, male: boolean): string => {
    for (;;) {
      let seq = int(1, 999);
      if (seq % 2 !== (male ? 1 : 0)) seq = seq === 999 ? 998 : seq + 1;
      const body = `${pick(REGIONS)}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      const id = body + idNumberCheckChar(body);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  return write(ledger, () => {
    const stamp = ledger.clock().toISOString();
    const insertUnit = (parentId: number | null, kind: string, name: string, order: number) =>
      Number(
        ledger.db.run(
          'demo.unit',
          sql`INSERT INTO org_unit (parent_id, kind, name, sort_order, created_at, updated_at)
              VALUES (${parentId}, ${kind}, ${name}, ${order}, ${stamp}, ${stamp})`,
        ).lastInsertRowid,
      );
    const suffix =
      ledger.db.get<{ n: number }>('demo.count', sql`SELECT COUNT(*) AS n FROM org_unit WHERE kind = '党委'`)?.n ?? 0;
    const committeeId = insertUnit(
      null,
      '党委',
      `中共示例集团有限公司${suffix ? `（${suffix + 1}）` : ''}委员会`,
      suffix + 1,
    );
    // Larger committees put branches under 党总支, as real ones do.
    const generalBranchId = options.branches > 6 ? insertUnit(committeeId, '党总支', '机关党总支', 1) : null;

    const branchIds: Array<{ id: number; groups: number[] }> = [];
    for (let b = 0; b < options.branches; b += 1) {
      const base = BRANCH_NAMES[b % BRANCH_NAMES.length] ?? '党支部';
      const name =
        b < BRANCH_NAMES.length ? base : base.replace('党支部', `${Math.floor(b / BRANCH_NAMES.length) + 1}党支部`);
      const parent = generalBranchId !== null && b % 2 === 0 ? generalBranchId : committeeId;
      const id = insertUnit(parent, '党支部', name, b + 1);
      const groups = GROUP_NAMES.slice(0, int(2, 3)).map((g, i) => insertUnit(id, '党小组', g, i + 1));
      branchIds.push({ id, groups });
    }

    const memberIds: Array<{ id: number; branch: number; full: boolean; joinDate: string }> = [];
    for (let i = 0; i < options.members; i += 1) {
      const branch = branchIds[i % branchIds.length];
      if (!branch) break;
      const male = random() < 0.62;
      const birthYear = int(currentYear - 75, currentYear - 24);
      const birthDate = `${birthYear}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
      // 预备党员: about one in twelve joined within the last year.
      const probationer = random() < 0.08;
      const joinDate = probationer
        ? addDays(now, -int(30, 330))
        : `${int(Math.max(birthYear + 19, currentYear - 50), currentYear - 2)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
      const fullDate = probationer ? undefined : addDays(joinDate, 365 + (random() < 0.05 ? int(180, 365) : 0));
      const fields: MemberFields = {
        name: pick(SURNAMES) + pick(GIVEN) + (random() < 0.5 ? pick(GIVEN).slice(0, 1) : ''),
        gender: male ? '男' : '女',
        ethnicity: pick(ETHNICITIES),
        birthDate,
        idNumber: idNumber(birthDate, male),
        education: pick(EDUCATIONS),
        personCategory: pick(CATEGORIES),
        joinDate,
        fullDate: fullDate && fullDate <= now ? fullDate : undefined,
        groupId: pick(branch.groups),
        job: pick(JOBS),
        phone: `1${pick(['38', '39', '58', '86', '37'])}${String(int(0, 99_999_999)).padStart(8, '0')}`,
        address: undefined,
        note: undefined,
      };
      const id = insertMember(ledger, fields, branch.id, joinDate);
      memberIds.push({ id, branch: branch.id, full: fields.fullDate !== undefined, joinDate });
    }

    // Posts: a 书记 and committee members for each branch, from the start of the demo period.
    const periodStart = `${currentYear - options.years + 1}-01-01`;
    for (const branch of branchIds) {
      const full = memberIds.filter((m) => m.branch === branch.id && m.full);
      const posts = ['书记', '组织委员', '宣传委员', '纪检委员'].slice(0, full.length >= 7 ? 4 : 1);
      posts.forEach((post, index) => {
        const holder = full[index];
        if (!holder) return;
        const from = holder.joinDate > periodStart ? holder.joinDate : periodStart;
        ledger.db.run(
          'demo.post',
          sql`INSERT INTO member_post (member_id, unit_id, post, from_date) VALUES (${holder.id}, ${branch.id}, ${post}, ${from})`,
        );
      });
    }

    // A few transfers out during the period, so rosters "as of" a past date differ from today's.
    const movers = memberIds.filter((_, i) => i % 37 === 5);
    for (const mover of movers) {
      const date = addDays(now, -int(20, options.years * 300));
      if (date <= mover.joinDate) continue;
      ledger.db.run(
        'demo.close',
        sql`UPDATE member_status SET to_date = ${date} WHERE member_id = ${mover.id} AND to_date IS NULL`,
      );
      ledger.db.run(
        'demo.out',
        sql`INSERT INTO member_status (member_id, status, branch_id, from_date, reason)
            VALUES (${mover.id}, '转出', ${mover.branch}, ${date}, '工作调动，组织关系转出')`,
      );
    }

    const summary: DemoSummary & { branchList: DemoBranch[] } = {
      branches: branchIds.length,
      members: memberIds.length,
      years: options.years,
      seed: options.seed,
      committeeId,
      meetings: 0,
      gaps: [],
      branchList: branchIds,
    };
    return {
      result: summary,
      audit: {
        action: 'demo.generate',
        entity: 'ledger',
        after: summary,
        summary: `生成示例数据（seed ${options.seed}）`,
      },
    };
  });
}
