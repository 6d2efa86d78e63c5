import type { ProjectList, SecretaryProject } from '../../../api/assessment.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { requireUnitOfKind } from '../org/units.ts';

interface ItemRow {
  id: number;
  project_id: number;
  kind: ProjectList['kind'];
  text: string;
  owner: string | null;
  due_date: string | null;
  done_on: string | null;
  linked_to: number | null;
  evidence: string | null;
}

const toItem = (r: ItemRow): ProjectList => ({
  id: r.id,
  kind: r.kind,
  text: r.text,
  owner: r.owner,
  dueDate: r.due_date,
  doneOn: r.done_on,
  linkedTo: r.linked_to,
  evidence: r.evidence,
});

/**
 * The closed loop of RULES.md §7.3: a 问题 counts as closed only when a finished 整改 is linked to it,
 * a 目标 as met only when a 成果 with evidence is linked to it.
 */
export function progressOf(items: ProjectList[]): SecretaryProject['progress'] {
  const closes = (kind: ProjectList['kind'], target: number, needsEvidence: boolean) =>
    items.some(
      (i) => i.kind === kind && i.linkedTo === target && i.doneOn !== null && (!needsEvidence || !!i.evidence),
    );
  const targets = items.filter((i) => i.kind === '目标');
  const problems = items.filter((i) => i.kind === '问题');
  return {
    targets: targets.length,
    targetsMet: targets.filter((t) => closes('成果', t.id, true)).length,
    problems: problems.length,
    problemsClosed: problems.filter((p) => closes('整改', p.id, false)).length,
  };
}

export function listProjects(ledger: Ledger, branchId: number, year: number): SecretaryProject[] {
  const projects = ledger.db.all<{
    id: number;
    branch_id: number;
    year: number;
    title: string;
    background: string | null;
  }>('project.list', sql`SELECT * FROM secretary_project WHERE branch_id = ${branchId} AND year = ${year} ORDER BY id`);
  const items = ledger.db.all<ItemRow>(
    'project.items',
    sql`SELECT i.* FROM project_item i JOIN secretary_project p ON p.id = i.project_id
        WHERE p.branch_id = ${branchId} AND p.year = ${year} ORDER BY i.id`,
  );
  return projects.map((p) => {
    const own = items.filter((i) => i.project_id === p.id).map(toItem);
    return {
      id: p.id,
      branchId: p.branch_id,
      year: p.year,
      title: p.title,
      background: p.background,
      items: own,
      progress: progressOf(own),
    };
  });
}

function projectById(ledger: Ledger, id: number): SecretaryProject {
  const row = ledger.db.get<{ branch_id: number; year: number }>(
    'project.get',
    sql`SELECT branch_id, year FROM secretary_project WHERE id = ${id}`,
  );
  const project = row ? listProjects(ledger, row.branch_id, row.year).find((p) => p.id === id) : undefined;
  if (!project) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的书记项目。`);
  return project;
}

export function saveProject(
  ledger: Ledger,
  input: { id?: number; branchId: number; year: number; title: string; background?: string },
): SecretaryProject {
  return write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    let id = input.id;
    if (id !== undefined) {
      projectById(ledger, id);
      ledger.db.run(
        'project.update',
        sql`UPDATE secretary_project SET title = ${input.title}, background = ${input.background}, year = ${input.year} WHERE id = ${id}`,
      );
    } else {
      id = Number(
        ledger.db.run(
          'project.insert',
          sql`INSERT INTO secretary_project (branch_id, year, title, background) VALUES (${input.branchId}, ${input.year}, ${input.title}, ${input.background})`,
        ).lastInsertRowid,
      );
    }
    return {
      result: projectById(ledger, id),
      audit: {
        action: input.id ? 'project.update' : 'project.create',
        entity: 'secretary_project',
        entityId: id,
        after: input,
        summary: `书记项目：${input.title}`,
      },
    };
  });
}

const CLOSES: Partial<Record<ProjectList['kind'], ProjectList['kind']>> = { 整改: '问题', 成果: '目标' };

export function saveProjectItem(
  ledger: Ledger,
  input: {
    id?: number;
    projectId: number;
    kind: ProjectList['kind'];
    text: string;
    owner?: string;
    dueDate?: string;
    doneOn?: string;
    linkedTo?: number;
    evidence?: string;
  },
): SecretaryProject {
  return write(ledger, () => {
    const project = projectById(ledger, input.projectId);
    const target = CLOSES[input.kind];
    if (target) {
      const linked = project.items.find((i) => i.id === input.linkedTo);
      if (!linked || linked.kind !== target) {
        throw new LedgerError('VALIDATION', `每条${input.kind}须对应本项目的一条${target}。`, [
          { field: `对应${target}`, message: `请选择对应的${target}` },
        ]);
      }
    } else if (input.linkedTo !== undefined) {
      throw new LedgerError('VALIDATION', `${input.kind}不对应其他清单。`, [{ field: '对应', message: '不适用' }]);
    }
    if (input.kind === '成果' && input.doneOn && !input.evidence) {
      throw new LedgerError('VALIDATION', '成果须附佐证材料说明，才能销号对应的目标。', [
        { field: '佐证', message: '请填写' },
      ]);
    }
    if (input.doneOn && input.doneOn > today(ledger))
      throw new LedgerError('VALIDATION', '完成日期不能晚于今天。', [{ field: '完成日期', message: '不能晚于今天' }]);
    if (input.id !== undefined) {
      if (!project.items.some((i) => i.id === input.id)) throw new LedgerError('NOT_FOUND', '找不到这条清单。');
      ledger.db.run(
        'project.updateItem',
        sql`UPDATE project_item SET kind = ${input.kind}, text = ${input.text}, owner = ${input.owner}, due_date = ${input.dueDate},
              done_on = ${input.doneOn}, linked_to = ${input.linkedTo}, evidence = ${input.evidence} WHERE id = ${input.id}`,
      );
    } else {
      ledger.db.run(
        'project.insertItem',
        sql`INSERT INTO project_item (project_id, kind, text, owner, due_date, done_on, linked_to, evidence)
            VALUES (${input.projectId}, ${input.kind}, ${input.text}, ${input.owner}, ${input.dueDate}, ${input.doneOn}, ${input.linkedTo}, ${input.evidence})`,
      );
    }
    return {
      result: projectById(ledger, input.projectId),
      audit: {
        action: 'project.item',
        entity: 'project_item',
        entityId: input.id ?? null,
        after: input,
        summary: `书记项目${input.kind}清单：${input.text}`,
      },
    };
  });
}

/**
 * Deletes one entry of a 书记项目's lists, keeping the closed loop honest (RULES.md §7.3):
 * - a 目标 or 问题 with 成果 / 整改 under it is refused: those would be left pointing at nothing;
 * - a finished 整改 (成果 with evidence) that is the only one closing its 问题 (目标) is refused, since
 *   deleting it would silently re-open what the ledger shows as closed. The clerk first clears its
 *   completion date (the change is on record), then deletes it.
 */
export function deleteProjectItem(ledger: Ledger, id: number): SecretaryProject {
  return write(ledger, () => {
    const row = ledger.db.get<ItemRow>('project.item', sql`SELECT * FROM project_item WHERE id = ${id}`);
    if (!row) throw new LedgerError('NOT_FOUND', '找不到这条清单（可能已被删除）。');
    const project = projectById(ledger, row.project_id);
    const item = toItem(row);
    const children = project.items.filter((i) => i.linkedTo === id);
    if (children.length > 0) {
      const kind = children[0]?.kind ?? '';
      throw new LedgerError(
        'CONFLICT',
        `${item.kind}“${item.text}”下还有 ${children.length} 条${kind}，请先删除它们，再删除这条${item.kind}。`,
        [{ field: item.kind, message: `下有${kind}` }],
      );
    }
    const parentKind = CLOSES[item.kind];
    const parent = parentKind ? project.items.find((i) => i.id === item.linkedTo) : undefined;
    if (parent) {
      const closes = (i: ProjectList) => i.doneOn !== null && (i.kind === '整改' || !!i.evidence);
      const others = project.items.filter((i) => i.id !== id && i.linkedTo === parent.id && closes(i));
      if (closes(item) && others.length === 0) {
        const state = parent.kind === '问题' ? '销号' : '达成';
        throw new LedgerError(
          'CONFLICT',
          `这条${item.kind}已使${parent.kind}“${parent.text}”${state}，删除后该${parent.kind}将变为未${state}。如确需删除，请先修改这条${item.kind}、清除完成日期，再删除。`,
          [{ field: item.kind, message: `已${state}${parent.kind}` }],
        );
      }
    }
    ledger.db.run('project.deleteItem', sql`DELETE FROM project_item WHERE id = ${id}`);
    return {
      result: projectById(ledger, row.project_id),
      audit: {
        action: 'project.deleteItem',
        entity: 'project_item',
        entityId: id,
        before: item,
        summary: `删除书记项目${item.kind}清单：${item.text}`,
      },
    };
  });
}
