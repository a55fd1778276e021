-- A shadow run that an operator retries (or resumes) and that ends again is compared again: one comparison (and one
-- verdict) per run and attempt instead of per run. A redelivered request finds its (run, attempt) row and changes
-- nothing; attempt n + 1 of the same run is a new comparison. Rows from before attempts existed are attempt 1.
ALTER TABLE comparisons ADD COLUMN attempt INT NOT NULL DEFAULT 1 CHECK (attempt >= 1);
ALTER TABLE comparisons DROP CONSTRAINT comparisons_workflow_run_id_key;
ALTER TABLE comparisons ADD CONSTRAINT comparisons_run_attempt UNIQUE (workflow_run_id, attempt);

ALTER TABLE verdicts ADD COLUMN attempt INT NOT NULL DEFAULT 1 CHECK (attempt >= 1);
ALTER TABLE verdicts DROP CONSTRAINT verdicts_workflow_run_id_key;
ALTER TABLE verdicts ADD CONSTRAINT verdicts_run_attempt UNIQUE (workflow_run_id, attempt);
