-- CloudEvents handled from Kafka, by source and id: a redelivered event is handled once.
CREATE TABLE processed_inbound (
  source     text        NOT NULL,
  id         text        NOT NULL,
  type       text        NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, id)
);

-- What went to the dead-letter topic and why: the operator's counts by reason, and a copy of the
-- original record (key, value, headers as [{"key", "value" in base64}]) to replay it from.
CREATE TABLE dead_letters (
  seq            bigserial   PRIMARY KEY,
  reason         text        NOT NULL,
  detail         text        NOT NULL,
  topic          text        NOT NULL,
  partition_no   int         NOT NULL,
  record_offset  bigint      NOT NULL,
  record_key     bytea,
  record_value   bytea,
  record_headers jsonb       NOT NULL,
  at             timestamptz NOT NULL DEFAULT now(),
  replayed_at    timestamptz
);
CREATE INDEX dead_letters_waiting ON dead_letters (reason, seq) WHERE replayed_at IS NULL;
