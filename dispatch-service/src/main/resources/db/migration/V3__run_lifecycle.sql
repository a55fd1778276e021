-- The run lifecycle: render jobs dispatch created (so every render event finds its run, node or legacy order line),
-- node results that carry progress, timings, attempts and failures, per-run status sequences with the events kept for
-- Server-Sent Events replay, and what publication produces: media assets and notifications.

ALTER TABLE workflow_runs
    ADD COLUMN output_type_id  TEXT,
    ADD COLUMN started_at      TIMESTAMPTZ,
    ADD COLUMN last_sequence   BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fallback_job_id TEXT,
    ADD COLUMN fallback_from   TEXT,
    -- a shadow observer run: the authoritative legacy job it is compared with
    ADD COLUMN authoritative_job_id TEXT,
    ADD COLUMN comparison_requested_at TIMESTAMPTZ;
CREATE INDEX workflow_runs_status ON workflow_runs (status, created_at DESC);

ALTER TABLE workflow_node_results
    ADD COLUMN job_id      TEXT,
    ADD COLUMN attempt     INT NOT NULL DEFAULT 0,
    ADD COLUMN worker_id   TEXT,
    ADD COLUMN progress    JSONB,
    ADD COLUMN artifacts   JSONB NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN queued_at   TIMESTAMPTZ,
    ADD COLUMN started_at  TIMESTAMPTZ,
    ADD COLUMN finished_at TIMESTAMPTZ,
    ADD COLUMN duration_ms BIGINT,
    ADD COLUMN log_excerpt TEXT,
    ADD COLUMN error_code  TEXT,
    ADD COLUMN retryable   BOOLEAN;

-- every render job dispatch queued: graph and observer nodes, legacy jobs (with or without a run), legacy fallbacks
CREATE TABLE render_jobs (
    job_id         TEXT PRIMARY KEY,
    job_type       TEXT        NOT NULL,
    role           TEXT        NOT NULL CHECK (role IN ('legacy', 'graph', 'observer', 'fallback')),
    run_id         UUID,
    node_id        TEXT,
    order_line_id  UUID,
    cad_file_id    UUID,
    -- the shadow observer run this legacy job is the authoritative side of
    shadow_run_id  UUID,
    status         TEXT        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    attempt        INT         NOT NULL DEFAULT 0,
    worker_id      TEXT,
    artifacts      JSONB       NOT NULL DEFAULT '[]'::jsonb,
    outputs        JSONB,
    failure        JSONB,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ
);
CREATE INDEX render_jobs_run ON render_jobs (run_id) WHERE run_id IS NOT NULL;
CREATE INDEX render_jobs_order_line ON render_jobs (order_line_id, created_at DESC);

-- every runs.status.v1 event, kept so that a Server-Sent Events client resumes without a gap (Last-Event-ID)
CREATE TABLE run_events (
    id             BIGSERIAL   NOT NULL UNIQUE,
    run_id         UUID        NOT NULL,
    sequence       BIGINT      NOT NULL,
    event_id       TEXT        NOT NULL,
    workflow_def_id TEXT,
    order_line_id  UUID,
    output_type_id TEXT,
    -- the event exactly as on the topic (text: written and streamed as it is, never queried inside)
    payload        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, sequence)
);

CREATE TABLE media_assets (
    id             UUID PRIMARY KEY,
    order_line_id  UUID,
    order_id       UUID,
    product_id     UUID,
    cad_file_id    UUID,
    run_id         UUID,
    node_id        TEXT,
    job_id         TEXT        NOT NULL,
    asset_type     TEXT        NOT NULL,
    role           TEXT        NOT NULL,
    path           TEXT        NOT NULL,
    sha256         TEXT,
    media_type     TEXT,
    size_bytes     BIGINT,
    width          INT,
    height         INT,
    frame_count    INT,
    duration_s     DOUBLE PRECISION,
    publication_mode TEXT      NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- one artifact of one job is published at most once, however often its completion is delivered
    UNIQUE (job_id, path)
);
CREATE INDEX media_assets_order_line ON media_assets (order_line_id, created_at DESC);
CREATE INDEX media_assets_product ON media_assets (product_id, created_at DESC);

CREATE TABLE notifications (
    id             UUID PRIMARY KEY,
    order_id       UUID,
    order_line_id  UUID,
    run_id         UUID,
    job_id         TEXT,
    kind           TEXT        NOT NULL,
    -- what makes a second notification of the same fact impossible (e.g. render_completed:<job id>)
    dedupe_key     TEXT        NOT NULL UNIQUE,
    payload        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX notifications_order ON notifications (order_id, created_at);
CREATE INDEX notifications_order_line ON notifications (order_line_id, created_at);
