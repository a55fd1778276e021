-- Who wrote each workflow version: the subject of the bearer token that created it (docs/security.md). Versions
-- written before the suite authenticated have none.
ALTER TABLE workflow_versions ADD COLUMN created_by TEXT;
