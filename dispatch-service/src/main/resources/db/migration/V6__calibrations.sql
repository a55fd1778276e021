-- A/A calibrations: one order line rendered several times by legacy; the comparisons between the renders give the
-- output type's noise floor (comparison-service keeps it). Dispatch renders them and sends the pairs for comparison.
CREATE TABLE calibrations (
    id               UUID PRIMARY KEY,
    output_type_id   TEXT        NOT NULL,
    order_line_id    UUID        NOT NULL,
    runs             INT         NOT NULL CHECK (runs BETWEEN 2 AND 10),
    requested_by     TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- set once every render ended and the runs - 1 comparison requests are in the outbox
    requests_sent_at TIMESTAMPTZ
);

ALTER TABLE render_jobs DROP CONSTRAINT render_jobs_role_check;
ALTER TABLE render_jobs ADD CONSTRAINT render_jobs_role_check
    CHECK (role IN ('legacy', 'graph', 'observer', 'fallback', 'calibration'));
ALTER TABLE render_jobs
    ADD COLUMN calibration_id    UUID REFERENCES calibrations (id),
    ADD COLUMN calibration_index INT;
CREATE INDEX render_jobs_calibration ON render_jobs (calibration_id, calibration_index) WHERE calibration_id IS NOT NULL;
