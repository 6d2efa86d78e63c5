/**
 * 0004: 发展党员 (a person's 25 steps, each a recorded fact) and 换届选举 (terms, elections, candidates,
 * tallies). A person becomes a roster member when the 支部大会 accepts them (step 15).
 */
export const migration0004 = `
CREATE TABLE dev_person (
  id           INTEGER PRIMARY KEY,
  branch_id    INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  name         TEXT NOT NULL,
  gender       TEXT NOT NULL CHECK (gender IN ('男', '女')),
  birth_date   TEXT NOT NULL,
  id_number    TEXT,
  phone        TEXT,
  job          TEXT,
  member_id    INTEGER REFERENCES member(id) ON DELETE RESTRICT,
  cancelled_on TEXT,
  cancel_reason TEXT,
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX dev_person_branch ON dev_person(branch_id);

CREATE TABLE dev_step (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES dev_person(id) ON DELETE CASCADE,
  step_no         INTEGER NOT NULL CHECK (step_no BETWEEN 1 AND 25),
  ordinal         INTEGER NOT NULL DEFAULT 1,
  done_on         TEXT NOT NULL,
  decided_by      TEXT,
  doc_no          TEXT,
  note            TEXT,
  details         TEXT NOT NULL DEFAULT '{}',
  override_reason TEXT,
  entered_at      TEXT NOT NULL,
  UNIQUE (person_id, step_no, ordinal)
) STRICT;

CREATE TABLE branch_term (
  branch_id  INTEGER PRIMARY KEY REFERENCES org_unit(id) ON DELETE RESTRICT,
  start_date TEXT NOT NULL,
  years      INTEGER NOT NULL CHECK (years BETWEEN 1 AND 5)
) STRICT;

CREATE TABLE election (
  id          INTEGER PRIMARY KEY,
  branch_id   INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  seats       INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 9),
  planned_on  TEXT,
  base        TEXT NOT NULL DEFAULT '应到会' CHECK (base IN ('应到会', '实到会')),
  tally       TEXT,
  finished_on TEXT,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE election_step (
  election_id INTEGER NOT NULL REFERENCES election(id) ON DELETE CASCADE,
  step_no     INTEGER NOT NULL CHECK (step_no BETWEEN 1 AND 10),
  done_on     TEXT NOT NULL,
  doc_no      TEXT,
  note        TEXT,
  PRIMARY KEY (election_id, step_no)
) STRICT;

CREATE TABLE election_person (
  election_id INTEGER NOT NULL REFERENCES election(id) ON DELETE CASCADE,
  member_id   INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  role        TEXT NOT NULL CHECK (role IN ('候选人', '监票人')),
  PRIMARY KEY (election_id, member_id, role)
) STRICT;
`;
