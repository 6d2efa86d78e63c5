import { type Ledger, today } from '../ledger.ts';
import { advanceAssessment, scoreItem } from '../modules/assessment/assessment.ts';
import { saveProject, saveProjectItem } from '../modules/assessment/projects.ts';
import { activeRubric } from '../modules/assessment/rubric-store.ts';
import type { DemoBranch } from './records.ts';

/**
 * 书记项目 with their four lists for every branch-year, and assessments: past years scored by the
 * assessor and published (so 晋位升级 has a history), the current year self-assessed.
 */
export function generateAssessments(ledger: Ledger, branches: DemoBranch[], years: number): void {
  const now = today(ledger);
  const currentYear = Number(now.slice(0, 4));
  // The rubric in force: a ledger may have imported its committee's own before the demo is added.
  const manualItems = activeRubric(ledger)
    .categories.flatMap((c) => c.items)
    .filter((i) => i.mode === 'manual');
  for (const [index, branch] of branches.entries()) {
    for (let year = currentYear - years + 1; year <= currentYear; year += 1) {
      const past = year < currentYear;
      const project = saveProject(ledger, {
        branchId: branch.id,
        year,
        title: `${year}年“党建+业务”融合书记项目`,
        background: '解决党建与业务“两张皮”问题',
      });
      const withTarget = saveProjectItem(ledger, {
        projectId: project.id,
        kind: '目标',
        text: '完成年度重点任务攻坚',
        owner: '书记',
        dueDate: `${year}-12-31`,
      });
      const target = withTarget.items.at(-1)?.id;
      const withProblem = saveProjectItem(ledger, {
        projectId: project.id,
        kind: '问题',
        text: '党员先锋作用发挥不均衡',
        owner: '组织委员',
      });
      const problem = withProblem.items.at(-1)?.id;
      saveProjectItem(ledger, {
        projectId: project.id,
        kind: '整改',
        text: '设立党员示范岗，按月讲评',
        linkedTo: problem,
        owner: '组织委员',
        dueDate: `${year}-09-30`,
        ...(past ? { doneOn: `${year}-09-20` } : {}),
      });
      if (past)
        saveProjectItem(ledger, {
          projectId: project.id,
          kind: '成果',
          text: '重点任务按期完成',
          linkedTo: target,
          doneOn: `${year}-12-20`,
          evidence: '年度工作总结',
        });
      // Assessors differ by branch: 好 for the first, 较好 for the rest, so tiers differ too.
      const share = index === 0 ? 1 : 0.75;
      for (const item of manualItems) {
        scoreItem(ledger, {
          branchId: branch.id,
          year,
          itemId: item.id,
          points: Math.floor(item.points * share * 4) / 4,
          comment: share === 1 ? '好' : '较好',
        });
      }
      if (past) {
        advanceAssessment(ledger, { branchId: branch.id, year, stage: '上级评审' });
        advanceAssessment(ledger, {
          branchId: branch.id,
          year,
          stage: '已公示',
          publicityFrom: `${year + 1}-01-10`,
          publicityTo: `${year + 1}-01-14`,
        });
      }
    }
  }
}
