-- An attempt that ended in a worker error (an unexpected exception, no outcome) is 'errored'; the job stays open
-- for its next attempt until hartomat.worker.max-attempts of them errored, then it is 'failed' with worker_error.
ALTER TABLE job_attempt DROP CONSTRAINT job_attempt_status_check;
ALTER TABLE job_attempt ADD CONSTRAINT job_attempt_status_check
    CHECK (status IN ('running', 'completed', 'failed', 'released', 'interrupted', 'errored'));

ALTER TABLE render_job DROP CONSTRAINT render_job_status_check;
ALTER TABLE render_job ADD CONSTRAINT render_job_status_check
    CHECK (status IN ('received', 'running', 'completed', 'failed', 'released', 'errored'));
