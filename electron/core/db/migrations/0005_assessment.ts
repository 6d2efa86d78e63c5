/**
 * 0005: 书记项目 with its four linked lists, hand-entered 党员积分 events, and the assessment of a
 * branch-year (manual scores, vetoes, stage, 公示) — automatic scores are computed, never stored.
 */
export const migration0005 = `
CREATE TABLE secretary_project (
  id         INTEGER PRIMARY KEY,
  branch_id  INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  year       INTEGER NOT NULL,
  title      TEXT NOT NULL,
  background TEXT
) STRICT;

CREATE TABLE project_item (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES secretary_project(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('目标', '问题', '整改', '成果')),
  text       TEXT NOT NULL,
  owner      TEXT,
  due_date   TEXT,
  done_on    TEXT,
  linked_to  INTEGER REFERENCES project_item(id) ON DELETE RESTRICT,
  evidence   TEXT
) STRICT;

CREATE TABLE points_event (
  id        INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  branch_id INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  date      TEXT NOT NULL,
  rule_id   TEXT NOT NULL,
  note      TEXT
) STRICT;
CREATE INDEX points_event_branch ON points_event(branch_id, date);

CREATE TABLE assessment (
  branch_id      INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  year           INTEGER NOT NULL,
  rubric_version TEXT NOT NULL,
  manual         TEXT NOT NULL DEFAULT '{}',
  vetoes         TEXT NOT NULL DEFAULT '{}',
  stage          TEXT NOT NULL DEFAULT '自评' CHECK (stage IN ('自评', '上级评审', '已公示')),
  self_scored_at TEXT,
  reviewed_at    TEXT,
  publicity_from TEXT,
  publicity_to   TEXT,
  final_tier     TEXT,
  PRIMARY KEY (branch_id, year)
) STRICT;
`;
