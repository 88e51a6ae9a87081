-- Feeds read the newest revisions across every skill, in this order, from the index alone.
CREATE INDEX revisions_by_time ON revisions (created_at, number, slug);
