-- Render contexts (products, CAD files, orders, order lines), the registry read model, rollout settings with
-- their audit trail and the shadow verdicts, workflow runs with node results, and dispatch idempotency.

CREATE TABLE cad_files (
    id             UUID PRIMARY KEY,
    original_name  TEXT        NOT NULL,
    stored_path    TEXT,
    file_hash      TEXT,
    file_size      BIGINT,
    parsed_objects JSONB,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id                 UUID PRIMARY KEY,
    pim_id             TEXT        NOT NULL UNIQUE,
    name               TEXT        NOT NULL,
    category_key       TEXT,
    cad_file_id        UUID REFERENCES cad_files (id) ON DELETE SET NULL,
    cad_part_materials JSONB       NOT NULL DEFAULT '[]'::jsonb,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id                    UUID PRIMARY KEY,
    order_number          TEXT        NOT NULL UNIQUE,
    created_by            TEXT,
    status                TEXT        NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'processing', 'completed', 'failed')),
    processing_started_at TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE order_lines (
    id             UUID PRIMARY KEY,
    order_id       UUID        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id     UUID        NOT NULL REFERENCES products (id),
    output_type_id TEXT,
    render_status  TEXT        NOT NULL DEFAULT 'pending',
    result_path    TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_lines_order ON order_lines (order_id);

-- registry read model: the latest state per entity from registry.changes.v1 (or a REST fetch on a miss)
CREATE TABLE registry_entities (
    entity_type    TEXT        NOT NULL,
    entity_id      TEXT        NOT NULL,
    entity_version BIGINT      NOT NULL,
    deleted        BOOLEAN     NOT NULL DEFAULT false,
    state          JSONB,
    source         TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_type, entity_id)
);
CREATE INDEX registry_templates_by_category ON registry_entities ((state ->> 'category_key'))
    WHERE entity_type = 'render_template';

-- operator rollout settings per output type or workflow definition, and every change to them
CREATE TABLE rollout_settings (
    scope      TEXT        NOT NULL CHECK (scope IN ('output_type', 'workflow_definition')),
    target_id  TEXT        NOT NULL,
    mode       TEXT        NOT NULL CHECK (mode IN ('legacy_only', 'shadow', 'graph')),
    reason     TEXT,
    updated_by TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, target_id)
);

CREATE TABLE rollout_audit (
    id              BIGSERIAL PRIMARY KEY,
    scope           TEXT        NOT NULL,
    target_id       TEXT        NOT NULL,
    from_mode       TEXT,
    to_mode         TEXT        NOT NULL,
    reason          TEXT,
    actor           TEXT        NOT NULL,
    forced          BOOLEAN     NOT NULL DEFAULT false,
    latest_verdict  TEXT,
    changed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX rollout_audit_target ON rollout_audit (scope, target_id, id);

CREATE TABLE shadow_verdicts (
    workflow_run_id TEXT PRIMARY KEY,
    comparison_id   TEXT,
    order_line_id   TEXT,
    output_type_id  TEXT,
    workflow_def_id TEXT,
    verdict         TEXT        NOT NULL,
    status          TEXT,
    reasons         JSONB       NOT NULL DEFAULT '[]'::jsonb,
    decided_at      TIMESTAMPTZ NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX shadow_verdicts_output_type ON shadow_verdicts (output_type_id, decided_at DESC);
CREATE INDEX shadow_verdicts_workflow ON shadow_verdicts (workflow_def_id, decided_at DESC);

CREATE TABLE workflow_runs (
    id              UUID PRIMARY KEY,
    workflow_def_id TEXT,
    order_line_id   UUID,
    cad_file_id     UUID,
    execution_mode  TEXT        NOT NULL CHECK (execution_mode IN ('legacy', 'graph', 'shadow')),
    status          TEXT        NOT NULL,
    celery_task_id  TEXT,
    error_message   TEXT,
    config          JSONB,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    completed_at    TIMESTAMPTZ
);
CREATE INDEX workflow_runs_order_line ON workflow_runs (order_line_id, created_at DESC);
CREATE INDEX workflow_runs_workflow ON workflow_runs (workflow_def_id, created_at DESC);
CREATE INDEX workflow_runs_created ON workflow_runs (created_at DESC);

CREATE TABLE workflow_node_results (
    id            UUID PRIMARY KEY,
    run_id        UUID        NOT NULL REFERENCES workflow_runs (id) ON DELETE CASCADE,
    position      INT         NOT NULL,
    node_name     TEXT        NOT NULL,
    step          TEXT,
    status        TEXT        NOT NULL,
    output        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    error_message TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (run_id, node_name)
);

CREATE TABLE dispatch_requests (
    idempotency_key TEXT        NOT NULL,
    scope           TEXT        NOT NULL,
    response        JSONB       NOT NULL,
    http_status     INT         NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idempotency_key)
);
