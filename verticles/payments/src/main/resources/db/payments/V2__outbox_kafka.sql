-- Kafka is relayed on its own delivered-column, so the event bus never waits for a broker that is away.
ALTER TABLE outbox ADD COLUMN kafka_sent_at timestamptz;
CREATE INDEX outbox_unsent_to_kafka ON outbox (seq) WHERE kafka_sent_at IS NULL;
