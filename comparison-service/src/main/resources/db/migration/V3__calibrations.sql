-- A/A calibrations: an operator asks for an output type's noise floor; dispatch renders one order line `runs` times by
-- legacy, each later render is compared with the first, and the largest delta becomes the output type's noise floor.
CREATE TABLE calibrations (
    id             UUID PRIMARY KEY,
    output_type_id TEXT        NOT NULL,
    order_line_id  TEXT        NOT NULL,
    runs           INT         NOT NULL CHECK (runs BETWEEN 2 AND 10),
    requested_by   TEXT,
    status         TEXT        NOT NULL CHECK (status IN ('requested', 'rendering', 'completed', 'failed')),
    job_ids        JSONB       NOT NULL DEFAULT '[]'::jsonb,
    noise_floor    DOUBLE PRECISION CHECK (noise_floor >= 0 AND noise_floor <= 1),
    failure_reason TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at   TIMESTAMPTZ
);
CREATE INDEX calibrations_output_type ON calibrations (output_type_id, created_at DESC);

-- one measured pair per calibration and index (render 0 against render `pair_index`); a redelivered request adds nothing
CREATE TABLE calibration_samples (
    calibration_id   UUID             NOT NULL REFERENCES calibrations (id),
    pair_index       INT              NOT NULL CHECK (pair_index >= 1),
    status           TEXT             NOT NULL,
    mean_pixel_delta DOUBLE PRECISION,
    failure_reason   TEXT,
    compared_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (calibration_id, pair_index)
);
