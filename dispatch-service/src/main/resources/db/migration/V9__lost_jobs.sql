-- Lost jobs and retry back-off (docs/dispatch.md "Lost jobs and retry policies").
-- last_heartbeat_at: the latest sign of life of a running job (accepted, started, progress, heartbeat), written by one
-- UPDATE per event and no status event. A graph or observer job running without one for longer than its job type's
-- timeout is lost.
-- not_before / held_*: a re-queued attempt waiting out its back-off. Its render.jobs.v1 message is held here, not in
-- the outbox, until the recovery sweep moves it to the outbox once not_before has passed (held_payload NULL again).
ALTER TABLE render_jobs
    ADD COLUMN last_heartbeat_at TIMESTAMPTZ,
    ADD COLUMN not_before        TIMESTAMPTZ,
    ADD COLUMN held_topic        TEXT,
    ADD COLUMN held_key          TEXT,
    ADD COLUMN held_payload      TEXT,
    ADD COLUMN held_headers      JSONB;

CREATE INDEX render_jobs_running_heartbeat ON render_jobs (coalesce(last_heartbeat_at, started_at))
    WHERE status = 'running' AND run_id IS NOT NULL;
CREATE INDEX render_jobs_held ON render_jobs (not_before) WHERE held_payload IS NOT NULL;
