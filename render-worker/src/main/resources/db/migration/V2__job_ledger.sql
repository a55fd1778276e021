-- The idempotency ledger: one row per job id, one row per attempt. A job's rendering is serialised by a
-- session-level advisory lock on its id (held by the connection that renders it, released if the worker dies).
CREATE TABLE render_job (
    job_id         TEXT PRIMARY KEY,
    job_type       TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('received', 'running', 'completed', 'failed', 'released')),
    attempts       INT         NOT NULL DEFAULT 0,
    deliveries     INT         NOT NULL DEFAULT 0,
    outcome_event  TEXT,
    first_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE job_attempt (
    job_id        TEXT        NOT NULL REFERENCES render_job (job_id),
    attempt       INT         NOT NULL CHECK (attempt >= 1),
    worker_id     TEXT        NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'released', 'interrupted')),
    started_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ,
    duration_ms   BIGINT,
    failure_code  TEXT,
    log           TEXT,
    PRIMARY KEY (job_id, attempt)
);
