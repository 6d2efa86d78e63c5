/**
 * 0009: a party committee's own .docx for a record kind, with the {{placeholders}} found in it on
 * import. A newer import of the same kind retires the older one (kept for the record, not used);
 * at most one is active per kind.
 */
export const migration0009 = `
CREATE TABLE doc_template (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  bytes        BLOB NOT NULL,
  size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0),
  placeholders TEXT NOT NULL CHECK (json_valid(placeholders)),
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX doc_template_active_kind ON doc_template(kind) WHERE active = 1;
`;
