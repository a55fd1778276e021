-- Run control (resume, retry from a node, cancel). Version 7.5 rather than 7 so that a sibling branch's V7 can merge
-- beside it.

-- Every retry from a node: who asked (the token's subject), which node, its params before and after, what ran again.
CREATE TABLE run_retries (
    id                UUID PRIMARY KEY,
    run_id            UUID        NOT NULL,
    from_node         TEXT        NOT NULL,
    actor             TEXT        NOT NULL,
    old_params        JSONB       NOT NULL,
    new_params        JSONB       NOT NULL,
    reset_nodes       JSONB       NOT NULL,
    run_status_before TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX run_retries_run ON run_retries (run_id, created_at);

-- a retried node publishes again: its new assets replace those it published before (found by run and node)
CREATE INDEX media_assets_run_node ON media_assets (run_id, node_id) WHERE run_id IS NOT NULL;
