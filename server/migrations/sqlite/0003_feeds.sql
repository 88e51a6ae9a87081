-- Feeds read the newest revisions across every skill.
CREATE INDEX revisions_by_time ON revisions (created_at);
