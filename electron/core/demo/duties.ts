import type { DutyTaskStatus } from '../../api/duties.ts';
import type { PartyPost } from '../../api/org.ts';
import { sql } from '../db/sql.ts';
import { type Ledger, today, write } from '../ledger.ts';
import { dutyHolders } from '../modules/duties/tasks.ts';
import { addDays } from '../rules/development-dates.ts';
import type { DemoBranch } from './records.ts';

/** What each post typically takes on in a year, in the order of the year's quarters. */
const TASKS: Record<PartyPost, string[]> = {
  书记: ['讲授专题党课', '主持召开年度组织生活会', '推进书记项目并中期讲评', '与支部党员谈心谈话全覆盖'],
  副书记: ['协助筹备支部党员大会', '联系党小组督促组织生活', '开展精神文明创建活动'],
  组织委员: ['制订并落实年度发展党员计划', '按月收缴党费并公布', '组织民主评议党员', '核对更新党员信息'],
  宣传委员: ['制订年度理论学习计划', '更新支部宣传栏', '宣传先进典型事迹', '组织主题党日宣传报道'],
  纪检委员: ['开展廉洁教育专题学习', '节前廉政提醒谈话', '检查“三会一课”制度落实情况'],
  党小组长: ['按月召开党小组会', '督促小组党员按时交纳党费', '联系培养入党积极分子'],
};

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/**
 * 责任清单 for every committee member of every branch-year: past years all done (one cancelled now and
 * then), this year done where the deadline has passed — except some left open and so overdue — and open
 * where it has not. Deterministic: the choices follow the positions, not a random draw.
 */
export function generateDutyTasks(ledger: Ledger, branches: DemoBranch[], years: number): number {
  const now = today(ledger);
  const currentYear = Number(now.slice(0, 4));
  return write(ledger, () => {
    const stamp = ledger.clock().toISOString();
    let count = 0;
    for (const branch of branches) {
      for (let year = currentYear - years + 1; year <= currentYear; year += 1) {
        const holders = dutyHolders(ledger, branch.id, year, now);
        holders.forEach((holder, h) => {
          const post = holder.posts[0]?.post;
          if (!post) return;
          const from = holder.posts[0]?.fromDate ?? `${year}-01-01`;
          // ISO dates compare as strings: assigned in January (or when the post began), never after today.
          const assigned = minDate(maxDate(from, `${year}-01-10`), now);
          TASKS[post].forEach((text, k) => {
            const due = `${year}-${QUARTER_ENDS[k] ?? '12-31'}`;
            if (due < assigned) return;
            const passed = due < now;
            let status: DutyTaskStatus;
            if (!passed) status = k % 2 === 0 ? '进行中' : '未开始';
            else if (year === currentYear && (h + k) % 3 === 1) status = '进行中';
            else if (year < currentYear && (h + k) % 7 === 6) status = '已取消';
            else status = '已完成';
            const doneOn = status === '已完成' ? maxDate(addDays(due, -(3 + ((h + k) % 9))), assigned) : null;
            ledger.db.run(
              'demo.dutyTask',
              sql`INSERT INTO duty_task (branch_id, year, member_id, text, source, assigned_on, due_date, status,
                    done_on, note, sort_order, created_at, updated_at)
                  VALUES (${branch.id}, ${year}, ${holder.memberId}, ${text}, ${k === 0 ? '支委会分工' : '年度工作计划'},
                    ${assigned}, ${due}, ${status}, ${doneOn}, ${status === '已完成' ? '见会议记录及相关材料' : null},
                    ${k}, ${stamp}, ${stamp})`,
            );
            count += 1;
          });
        });
      }
    }
    return {
      result: count,
      audit: {
        action: 'demo.duties',
        entity: 'ledger',
        after: { tasks: count },
        summary: `生成示例责任清单任务 ${count} 条`,
      },
    };
  });
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
