-- Skill Profiles, PostgreSQL schema 2: review decisions, who made each revision, comments.

ALTER TABLE revisions ADD COLUMN author_id BIGINT REFERENCES users (id);
ALTER TABLE revisions ADD COLUMN proposal_id BIGINT REFERENCES proposals (id);

ALTER TABLE proposals ADD COLUMN reviewer_id BIGINT REFERENCES users (id);
-- the reviewer's note to the author (required when rejecting)
ALTER TABLE proposals ADD COLUMN review_note TEXT;
ALTER TABLE proposals ADD COLUMN decided_at BIGINT;
CREATE INDEX proposals_open ON proposals (status, id);

CREATE TABLE comments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        TEXT    NOT NULL,
    -- NULL: a comment on the profile; else on this proposal of it
    proposal_id BIGINT REFERENCES proposals (id),
    author_id   BIGINT NOT NULL REFERENCES users (id),
    -- plain text, shown as text
    body        TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    edited_at   BIGINT,
    -- hidden by a reviewer as abusive
    hidden      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX comments_by_target ON comments (slug, proposal_id, id);
