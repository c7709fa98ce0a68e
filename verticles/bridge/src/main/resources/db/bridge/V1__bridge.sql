-- CloudEvents handled from Kafka, by source and id: a redelivered event is handled once.
CREATE TABLE processed_inbound (
  source     text        NOT NULL,
  id         text        NOT NULL,
  type       text        NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, id)
);

-- What went to the dead-letter topic and why: the operator's view (counts by reason).
CREATE TABLE dead_letters (
  seq          bigserial   PRIMARY KEY,
  reason       text        NOT NULL,
  detail       text        NOT NULL,
  topic        text        NOT NULL,
  partition_no int         NOT NULL,
  record_offset bigint     NOT NULL,
  ce_source    text,
  ce_id        text,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_reason ON dead_letters (reason);
