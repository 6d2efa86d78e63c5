/**
 * 0008: 党员示范岗 / 责任区 with their holders, 承诺践诺, and star awards per member and period with the steps
 * 自评 → 互评 → 支部评定 (RULES.md §7.2). Disqualifiers found in the ledger are computed, never stored; only
 * those the branch records by hand (e.g. 党纪处分) are kept, with their reason.
 */
export const migration0008 = `
CREATE TABLE exemplary_post (
  id        INTEGER PRIMARY KEY,
  branch_id INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  kind      TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 20),
  name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  scope     TEXT,
  duty      TEXT,
  holder_id INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  from_date TEXT NOT NULL,
  to_date   TEXT,
  CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE INDEX exemplary_post_branch ON exemplary_post(branch_id, from_date);

CREATE TABLE exemplary_commitment (
  id         INTEGER PRIMARY KEY,
  branch_id  INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  member_id  INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  post_id    INTEGER REFERENCES exemplary_post(id) ON DELETE RESTRICT,
  year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  text       TEXT NOT NULL CHECK (length(text) >= 1),
  made_on    TEXT NOT NULL,
  fulfilment TEXT,
  status     TEXT NOT NULL DEFAULT '践诺中' CHECK (status IN ('践诺中', '已践诺', '未践诺')),
  checked_on TEXT,
  -- A commitment is judged kept or broken on a date; one still being kept has no check date yet.
  CHECK ((status = '践诺中') = (checked_on IS NULL)),
  CHECK (checked_on IS NULL OR checked_on >= made_on)
) STRICT;
CREATE INDEX exemplary_commitment_branch ON exemplary_commitment(branch_id, year);

CREATE TABLE star_award (
  id             INTEGER PRIMARY KEY,
  member_id      INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  branch_id      INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  period         TEXT NOT NULL,
  scheme_version TEXT NOT NULL,
  stage          TEXT NOT NULL CHECK (stage IN ('自评', '互评', '支部评定')),
  self_stars     INTEGER NOT NULL CHECK (self_stars BETWEEN 1 AND 5),
  self_note      TEXT,
  self_on        TEXT NOT NULL,
  peer_stars     REAL CHECK (peer_stars IS NULL OR peer_stars BETWEEN 1 AND 5),
  peer_votes     TEXT,
  peer_note      TEXT,
  peer_on        TEXT,
  decided_stars  INTEGER CHECK (decided_stars IS NULL OR decided_stars BETWEEN 0 AND 5),
  decided_on     TEXT,
  decided_note   TEXT,
  UNIQUE (member_id, period),
  -- The stage says how far the steps went, and each step's figure is there exactly when it was taken.
  CHECK ((peer_stars IS NOT NULL) = (stage IN ('互评', '支部评定'))),
  CHECK ((decided_stars IS NOT NULL) = (stage = '支部评定')),
  CHECK ((decided_on IS NOT NULL) = (stage = '支部评定'))
) STRICT;
CREATE INDEX star_award_branch ON star_award(branch_id, period);

CREATE TABLE star_check (
  member_id       INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  branch_id       INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  period          TEXT NOT NULL,
  disqualifier_id TEXT NOT NULL,
  reason          TEXT NOT NULL CHECK (length(reason) >= 2),
  entered_at      TEXT NOT NULL,
  PRIMARY KEY (member_id, period, disqualifier_id)
) STRICT;
`;
