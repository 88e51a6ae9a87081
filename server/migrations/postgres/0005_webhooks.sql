-- Webhooks: registered targets, and an outbox of deliveries written in the transaction of
-- the change they tell of (a revision, a proposal), sent by the servers' workers.

CREATE TABLE webhooks (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url        TEXT    NOT NULL,
    -- `whsec_` + base64 of the signing key: kept because the server signs with it
    secret     TEXT    NOT NULL,
    -- event kinds separated by commas (`revision.published,proposal.opened`)
    events     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);

CREATE TABLE webhook_deliveries (
    -- also the `webhook-id` header: the same on every attempt
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id      BIGINT  NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT    NOT NULL,
    -- the body sent, JSON
    payload         TEXT    NOT NULL,
    -- attempts made or under way (a claim counts one)
    attempts        BIGINT  NOT NULL DEFAULT 0,
    -- due then; a worker's claim moves it ahead by its lease
    next_attempt_at BIGINT  NOT NULL,
    last_status     BIGINT,
    last_error      TEXT,
    delivered_at    BIGINT,
    -- given up after the last retry
    failed_at       BIGINT,
    created_at      BIGINT  NOT NULL
);
-- What workers claim: deliveries neither delivered nor given up, by when they are due.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);
