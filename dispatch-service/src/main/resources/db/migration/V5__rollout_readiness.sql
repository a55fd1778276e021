-- rollout readiness and the automatic hold (rollout/)

-- what the comparison measured (mean pixel delta, noise floor, ...), shown beside each verdict
ALTER TABLE shadow_verdicts ADD COLUMN metrics JSONB;

-- graph-authoritative runs that ended, per output type: their failure rate over a window
CREATE INDEX workflow_runs_graph_outcomes ON workflow_runs (output_type_id, completed_at)
    WHERE execution_mode = 'graph' AND status IN ('completed', 'failed');

-- legacy renders that ended (legacy and fallback jobs): the baseline the graph's failure rate is held against
CREATE INDEX render_jobs_legacy_outcomes ON render_jobs (order_line_id, finished_at)
    WHERE role IN ('legacy', 'fallback') AND status IN ('completed', 'failed');
