/**
 * 0007: 支委分工 — a branch's own edit of a post's responsibility list (the template's list applies
 * while there is none), and the 责任清单: the year's tasks of each committee member, each with its
 * source (free text or a plan item), dates, status and evidence.
 */
export const migration0007 = `
CREATE TABLE duty_role_override (
  branch_id  INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  post       TEXT NOT NULL CHECK (post IN ('书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长')),
  -- A JSON array of the responsibility lines, in order.
  items      TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array' AND json_array_length(items) > 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (branch_id, post)
) STRICT;

CREATE TABLE duty_task (
  id           INTEGER PRIMARY KEY,
  branch_id    INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  member_id    INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  text         TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 300),
  source       TEXT,
  plan_item_id INTEGER REFERENCES plan_item(id) ON DELETE SET NULL,
  assigned_on  TEXT CHECK (assigned_on IS NULL OR assigned_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  due_date     TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status       TEXT NOT NULL CHECK (status IN ('未开始', '进行中', '已完成', '已取消')),
  done_on      TEXT CHECK (done_on IS NULL OR done_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  note         TEXT,
  sort_order   INTEGER NOT NULL DEFAULT 0 CHECK (sort_order >= 0),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  -- A done date belongs to a finished task, and a finished task has one.
  CHECK ((status = '已完成') = (done_on IS NOT NULL)),
  -- A task of the year is due within the year or later, never before it starts.
  CHECK (due_date IS NULL OR due_date >= (year || '-01-01')),
  CHECK (due_date IS NULL OR assigned_on IS NULL OR due_date >= assigned_on),
  CHECK (done_on IS NULL OR assigned_on IS NULL OR done_on >= assigned_on)
) STRICT;
CREATE INDEX duty_task_branch_year ON duty_task(branch_id, year, member_id, sort_order);
CREATE INDEX duty_task_member ON duty_task(member_id);
CREATE INDEX duty_task_plan_item ON duty_task(plan_item_id) WHERE plan_item_id IS NOT NULL;
`;
