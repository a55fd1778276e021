-- One comparison per shadow run (a redelivered request finds its row and changes nothing), its verdict, and the
-- noise floor of each output type shown beside its verdicts.
CREATE TABLE comparisons (
    id                   UUID PRIMARY KEY,
    request_id           TEXT        NOT NULL,
    workflow_run_id      TEXT        NOT NULL UNIQUE,
    order_line_id        TEXT,
    output_type_id       TEXT,
    workflow_def_id      TEXT,
    execution_mode       TEXT        NOT NULL,
    artifact_kind        TEXT        NOT NULL,
    comparison_kind      TEXT        NOT NULL CHECK (comparison_kind IN ('image', 'frames', 'not_visual')),
    status               TEXT        NOT NULL CHECK (status IN ('matched', 'mismatched', 'dimension_mismatch',
                                                              'missing_observer', 'missing_authoritative', 'failed')),
    exact_match          BOOLEAN,
    dimensions_match     BOOLEAN,
    mean_pixel_delta     DOUBLE PRECISION CHECK (mean_pixel_delta >= 0 AND mean_pixel_delta <= 1),
    summary              TEXT        NOT NULL,
    failure_reason       TEXT,
    diff_image_path      TEXT,
    authoritative_output JSONB       NOT NULL,
    observer_output      JSONB       NOT NULL,
    frames               JSONB,
    side_failures        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    requested_at         TIMESTAMPTZ,
    compared_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX comparisons_output_type ON comparisons (output_type_id, compared_at DESC);
CREATE INDEX comparisons_workflow ON comparisons (workflow_def_id, compared_at DESC);
CREATE INDEX comparisons_recent ON comparisons (compared_at DESC, id);

CREATE TABLE verdicts (
    comparison_id             UUID PRIMARY KEY REFERENCES comparisons (id),
    workflow_run_id           TEXT             NOT NULL UNIQUE,
    verdict                   TEXT             NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail')),
    status                    TEXT             NOT NULL CHECK (status IN ('ready_for_rollout', 'hold_legacy_authoritative')),
    ready                     BOOLEAN          NOT NULL,
    workflow_rollout_ready    BOOLEAN          NOT NULL,
    output_type_rollout_ready BOOLEAN          NOT NULL,
    reasons                   JSONB            NOT NULL,
    pass_threshold            DOUBLE PRECISION NOT NULL,
    warn_threshold            DOUBLE PRECISION NOT NULL,
    noise_floor               DOUBLE PRECISION,
    within_noise_floor        BOOLEAN          NOT NULL DEFAULT false,
    decided_at                TIMESTAMPTZ      NOT NULL
);

CREATE INDEX verdicts_verdict ON verdicts (verdict);

CREATE TABLE noise_floors (
    output_type_id   TEXT PRIMARY KEY,
    mean_pixel_delta DOUBLE PRECISION NOT NULL CHECK (mean_pixel_delta >= 0 AND mean_pixel_delta <= 1),
    samples          INT              NOT NULL CHECK (samples >= 1),
    source           TEXT             NOT NULL,
    measured_at      TIMESTAMPTZ      NOT NULL DEFAULT now()
);
