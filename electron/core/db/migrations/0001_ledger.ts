/**
 * 0001: the ledger itself — metadata, the append-only audit log, the organisation tree and the
 * roster with dated status and post intervals (RULES.md §1: quorum is computed "as of" a date).
 */
export const migration0001 = `
CREATE TABLE ledger_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  before    TEXT,
  after     TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
) STRICT;

-- Append-only: the chain is evidence, so SQL itself refuses to rewrite it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE org_unit (
  id         INTEGER PRIMARY KEY,
  parent_id  INTEGER REFERENCES org_unit(id) ON DELETE RESTRICT,
  kind       TEXT NOT NULL CHECK (kind IN ('党委', '党总支', '党支部', '党小组')),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (parent_id, name)
) STRICT;
CREATE INDEX org_unit_parent ON org_unit(parent_id);

CREATE TABLE member (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  name_initials   TEXT NOT NULL,
  gender          TEXT NOT NULL CHECK (gender IN ('男', '女')),
  ethnicity       TEXT,
  birth_date      TEXT NOT NULL,
  id_number       TEXT UNIQUE,
  education       TEXT,
  person_category TEXT,
  join_date       TEXT NOT NULL,
  full_date       TEXT,
  group_id        INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
  job             TEXT,
  phone           TEXT,
  address         TEXT,
  note            TEXT,
  extra           TEXT NOT NULL DEFAULT '{}',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK (full_date IS NULL OR full_date >= join_date)
) STRICT;
CREATE INDEX member_name ON member(name);
CREATE INDEX member_birth ON member(name, birth_date);

-- 组织关系 over time: one open interval (to_date NULL) per member at most.
CREATE TABLE member_status (
  id        INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
  status    TEXT NOT NULL CHECK (status IN ('在册', '转入', '借调', '转出', '停止党籍', '出党', '去世')),
  branch_id INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  from_date TEXT NOT NULL,
  to_date   TEXT,
  reason    TEXT,
  CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE INDEX member_status_branch ON member_status(branch_id, from_date, to_date);
CREATE INDEX member_status_member ON member_status(member_id, from_date);
CREATE UNIQUE INDEX member_status_one_open ON member_status(member_id) WHERE to_date IS NULL;

CREATE TABLE member_post (
  id        INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
  unit_id   INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  post      TEXT NOT NULL CHECK (post IN ('书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长')),
  from_date TEXT NOT NULL,
  to_date   TEXT,
  CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE INDEX member_post_member ON member_post(member_id);
`;
