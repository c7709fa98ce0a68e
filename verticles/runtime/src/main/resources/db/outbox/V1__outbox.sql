-- A domain's outbox: its events, written in the same transaction as the change they describe, and
-- relayed afterwards to the event bus (published_at) and to Kafka (kafka_sent_at), each on its own
-- delivered-column so that a broker that is away never delays the event bus. traceparent is the trace the
-- event was written in (W3C), so that its CloudEvent continues it; NULL outside a trace.
CREATE TABLE IF NOT EXISTS outbox (
  seq           bigserial   PRIMARY KEY,
  id            uuid        NOT NULL UNIQUE,
  aggregate_id  text        NOT NULL,
  address       text        NOT NULL,
  payload       jsonb       NOT NULL,
  occurred_at   timestamptz NOT NULL,
  published_at  timestamptz,
  kafka_sent_at timestamptz,
  traceparent   text
);
-- A schema made before the runtime owned the outbox has the table already, from the domain's own
-- migrations, perhaps without the later columns: it is adopted as it is, rows included.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS kafka_sent_at timestamptz;
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent text;
CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_unsent_to_kafka ON outbox (seq) WHERE kafka_sent_at IS NULL;
