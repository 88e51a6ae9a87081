-- Skill Profiles, SQLite schema 2: review decisions, who made each revision, comments.

ALTER TABLE revisions ADD COLUMN author_id INTEGER REFERENCES users (id);
ALTER TABLE revisions ADD COLUMN proposal_id INTEGER REFERENCES proposals (id);

ALTER TABLE proposals ADD COLUMN reviewer_id INTEGER REFERENCES users (id);
-- the reviewer's note to the author (required when rejecting)
ALTER TABLE proposals ADD COLUMN review_note TEXT;
ALTER TABLE proposals ADD COLUMN decided_at INTEGER;
CREATE INDEX proposals_open ON proposals (status, id);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL,
    -- NULL: a comment on the profile; else on this proposal of it
    proposal_id INTEGER REFERENCES proposals (id),
    author_id   INTEGER NOT NULL REFERENCES users (id),
    -- plain text, shown as text
    body        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    edited_at   INTEGER,
    -- hidden by a reviewer as abusive
    hidden      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX comments_by_target ON comments (slug, proposal_id, id);
