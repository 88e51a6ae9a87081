-- Skill Profiles, PostgreSQL schema 1. Times are seconds since 1970 (UTC), as on SQLite,
-- so both stores share their queries.

CREATE TABLE users (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT    NOT NULL,
    -- lower-cased username: names are unique without regard to case
    username_key  TEXT    NOT NULL UNIQUE,
    -- argon2id PHC string; NULL for people signed in by a trusted proxy
    password_hash TEXT,
    reviewer      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token, hex: a stolen database holds no usable session
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE revisions (
    slug         TEXT   NOT NULL,
    number       BIGINT NOT NULL,
    -- the content file as imported (TOML); export writes it back byte for byte
    source       TEXT   NOT NULL,
    -- the same profile as the app's JSON
    profile_json TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (slug, number)
);

CREATE TABLE proposals (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            TEXT   NOT NULL,
    base_revision   BIGINT NOT NULL,
    author_id       BIGINT NOT NULL REFERENCES users (id),
    idempotency_key TEXT   NOT NULL,
    rationale       TEXT   NOT NULL,
    -- JSON array of {level, role, text, required}
    cells           TEXT   NOT NULL,
    status          TEXT   NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
    created_at      BIGINT NOT NULL,
    UNIQUE (author_id, idempotency_key),
    FOREIGN KEY (slug, base_revision) REFERENCES revisions (slug, number)
);
CREATE INDEX proposals_by_skill ON proposals (slug, id);
