-- Every server on this database hears of a new revision the moment it is committed, however
-- it was added (a reviewer's decision on any server, `server import`): they LISTEN on this
-- channel, and reload what they publish.
CREATE FUNCTION notify_revision() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('skill_profiles_revisions', NEW.slug);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER revisions_notify AFTER INSERT ON revisions
    FOR EACH ROW EXECUTE FUNCTION notify_revision();
