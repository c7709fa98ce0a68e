-- Each user's notifications. source_event_id makes writing one idempotent: a redelivered event (the
-- outbox relays at least once, and every notifications instance hears every event) inserts nothing.
CREATE TABLE notifications (
  seq             bigserial   PRIMARY KEY,
  id              uuid        NOT NULL UNIQUE,
  user_id         uuid        NOT NULL,
  kind            text        NOT NULL,
  title           text        NOT NULL,
  body            text        NOT NULL,
  order_id        uuid,
  order_status    text,
  cancel_reason   text,
  source_event_id uuid        NOT NULL UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  read_at         timestamptz
);
CREATE INDEX notifications_of_user ON notifications (user_id, seq);
CREATE INDEX notifications_of_order ON notifications (order_id) WHERE order_id IS NOT NULL;

-- Where a user's e-mail goes, learnt from "user registered" (this domain never asks users for it).
CREATE TABLE recipients (
  user_id   uuid PRIMARY KEY,
  email     text NOT NULL,
  full_name text NOT NULL
);
