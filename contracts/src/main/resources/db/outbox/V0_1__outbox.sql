-- Transactional outbox (contracts building block): rows are written in the caller's transaction
-- and relayed to Kafka in order per key by OutboxRelay.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    topic           TEXT        NOT NULL,
    message_key     TEXT        NOT NULL,
    payload         TEXT        NOT NULL,
    headers         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ,
    attempts        INT         NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
