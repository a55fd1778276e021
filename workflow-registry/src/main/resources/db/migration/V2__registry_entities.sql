-- Registry entities. JSON documents are stored as TEXT written by the service, so that a saved workflow config
-- reads back byte-for-byte as it was canonicalized (jsonb would reorder keys).

CREATE TABLE workflow_definitions (
    id              UUID PRIMARY KEY,
    current_version INT         NOT NULL CHECK (current_version >= 1),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- every save is a new immutable row; the definition row points at the latest
CREATE TABLE workflow_versions (
    id                      UUID PRIMARY KEY,
    workflow_id             UUID        NOT NULL REFERENCES workflow_definitions (id) ON DELETE CASCADE,
    version                 INT         NOT NULL CHECK (version >= 1),
    name                    TEXT        NOT NULL,
    is_active               BOOLEAN     NOT NULL,
    output_type_id          UUID,
    config                  TEXT        NOT NULL,
    family                  TEXT        NOT NULL,
    context_kind            TEXT        NOT NULL,
    terminal_artifact_kinds TEXT        NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    UNIQUE (workflow_id, version)
);

CREATE TABLE output_types (
    id                     UUID PRIMARY KEY,
    name                   TEXT        NOT NULL UNIQUE,
    workflow_family        TEXT        NOT NULL,
    artifact_kind          TEXT        NOT NULL,
    workflow_definition_id UUID REFERENCES workflow_definitions (id),
    render_settings        TEXT        NOT NULL,
    invocation_overrides   TEXT        NOT NULL,
    render_backend         TEXT        NOT NULL,
    version                INT         NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);

CREATE TABLE render_templates (
    id              UUID PRIMARY KEY,
    category_key    TEXT        NOT NULL UNIQUE,
    name            TEXT        NOT NULL,
    template_path   TEXT,
    use_materials   BOOLEAN     NOT NULL,
    camera_preset   TEXT        NOT NULL,
    lighting_preset TEXT        NOT NULL,
    version         INT         NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE materials (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    aliases    TEXT        NOT NULL,
    definition TEXT        NOT NULL,
    version    INT         NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
