/**
 * 0010: where imported records came from. A record imported from another ledger keeps its source
 * id here, so importing the same file (or a later export of the same ledger) again updates that
 * record instead of adding a copy (issue #7: "rows matched by id so importing the same file twice
 * changes nothing"). Records of this very ledger need no row: their source id is their id.
 */
export const migration0010 = `
CREATE TABLE import_origin (
  source_ledger_id TEXT NOT NULL CHECK (length(source_ledger_id) BETWEEN 1 AND 100),
  entity           TEXT NOT NULL,
  source_id        INTEGER NOT NULL,
  local_id         INTEGER NOT NULL,
  imported_at      TEXT NOT NULL,
  PRIMARY KEY (source_ledger_id, entity, source_id)
) STRICT;
CREATE INDEX import_origin_local ON import_origin(entity, local_id);
`;
