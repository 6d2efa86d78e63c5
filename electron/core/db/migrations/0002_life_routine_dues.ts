/**
 * 0002: 组织生活 records (with an attendance snapshot taken on the meeting date, so later
 * transfers never change past records), 谈心谈话, plans and 督办, and 党费 in 分.
 */
export const migration0002 = `
CREATE TABLE meeting (
  id               INTEGER PRIMARY KEY,
  branch_id        INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  kind             TEXT NOT NULL CHECK (kind IN ('党员大会', '支委会', '党小组会', '党课', '主题党日', '组织生活会', '民主评议', '集中学习')),
  also_counts_as   TEXT NOT NULL DEFAULT '[]',
  seq_no           INTEGER NOT NULL,
  title            TEXT NOT NULL,
  held_on          TEXT NOT NULL,
  start_time       TEXT,
  end_time         TEXT,
  place            TEXT,
  host             TEXT,
  recorder         TEXT,
  lecturer         TEXT,
  study_hours      REAL CHECK (study_hours IS NULL OR study_hours >= 0),
  group_id         INTEGER REFERENCES org_unit(id) ON DELETE RESTRICT,
  agenda           TEXT NOT NULL DEFAULT '[]',
  content          TEXT,
  extra            TEXT NOT NULL DEFAULT '{}',
  vote             TEXT,
  template_version TEXT NOT NULL,
  entered_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_branch_date ON meeting(branch_id, held_on);

-- One row per person expected or present, as the roster stood on the meeting date.
CREATE TABLE attendance (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  member_id  INTEGER REFERENCES member(id) ON DELETE RESTRICT,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('出席', '请假', '缺席', '列席')),
  reason     TEXT,
  membership TEXT NOT NULL CHECK (membership IN ('正式党员', '预备党员', '非党员')),
  UNIQUE (meeting_id, member_id)
) STRICT;
CREATE INDEX attendance_member ON attendance(member_id);

CREATE TABLE meeting_decision (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  owner      TEXT,
  due_date   TEXT,
  done_on    TEXT
) STRICT;

CREATE TABLE rectification (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  problem    TEXT NOT NULL,
  measure    TEXT NOT NULL,
  owner      TEXT,
  due_date   TEXT,
  done_on    TEXT
) STRICT;

CREATE TABLE appraisal_grade (
  meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  member_id  INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  grade      TEXT NOT NULL CHECK (grade IN ('优秀', '合格', '基本合格', '不合格')),
  PRIMARY KEY (meeting_id, member_id)
) STRICT;

-- Files live in the ledger's attachments folder, named by their SHA-256; the row is the record.
CREATE TABLE attachment (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  file_name  TEXT NOT NULL,
  mime       TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  caption    TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE talk (
  id         INTEGER PRIMARY KEY,
  branch_id  INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  held_on    TEXT NOT NULL,
  talker_id  INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  talkee_id  INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  type       TEXT NOT NULL,
  mode       TEXT NOT NULL,
  place      TEXT,
  content    TEXT NOT NULL,
  follow_up  TEXT,
  entered_at TEXT NOT NULL,
  CHECK (talker_id <> talkee_id)
) STRICT;
CREATE INDEX talk_branch_date ON talk(branch_id, held_on);

CREATE TABLE plan (
  id        INTEGER PRIMARY KEY,
  branch_id INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  year      INTEGER NOT NULL,
  month     INTEGER CHECK (month IS NULL OR month BETWEEN 1 AND 12),
  title     TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX plan_one_per_period ON plan(branch_id, year, COALESCE(month, 0));

CREATE TABLE plan_item (
  id       INTEGER PRIMARY KEY,
  plan_id  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  text     TEXT NOT NULL,
  owner    TEXT,
  due_date TEXT,
  status   TEXT NOT NULL CHECK (status IN ('未开始', '进行中', '已完成', '已取消')),
  done_on  TEXT,
  feedback TEXT
) STRICT;

CREATE TABLE dues_profile (
  member_id      INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  year           INTEGER NOT NULL,
  category       TEXT NOT NULL,
  base_cents     INTEGER CHECK (base_cents IS NULL OR base_cents >= 0),
  monthly_cents  INTEGER NOT NULL CHECK (monthly_cents >= 0),
  explanation    TEXT NOT NULL,
  approval_ref   TEXT,
  PRIMARY KEY (member_id, year)
) STRICT;

CREATE TABLE dues_payment (
  id        INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE RESTRICT,
  year      INTEGER NOT NULL,
  month     INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  cents     INTEGER NOT NULL CHECK (cents >= 0),
  paid_on   TEXT NOT NULL,
  handler   TEXT,
  kind      TEXT NOT NULL CHECK (kind IN ('按月', '补交', '预交', '代缴')),
  note      TEXT
) STRICT;
CREATE INDEX dues_payment_member ON dues_payment(member_id, year, month);

CREATE TABLE dues_remittance (
  branch_id   INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
  year        INTEGER NOT NULL,
  month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  cents       INTEGER NOT NULL CHECK (cents >= 0),
  remitted_on TEXT NOT NULL,
  voucher_no  TEXT,
  handler     TEXT,
  PRIMARY KEY (branch_id, year, month)
) STRICT;
`;
