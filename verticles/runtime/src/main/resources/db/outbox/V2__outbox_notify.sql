-- Wakes the relay that leads this outbox, on whichever node it runs: every event added sends a notice on
-- the channel cartwheel.outbox.<schema>, delivered when its transaction commits (PostgreSQL folds the
-- notices of one transaction into one; a statement that adds no row sends none). The relays listen on the connection that holds their leader lock
-- and still poll now and then, for a notice lost while no one was listening.
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cartwheel.outbox.' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_notify();
