-- Orders and their saga. An order is PENDING while its saga runs; `step` is where the saga stands and
-- is written in the same transaction as each step's outcome, so a node that dies mid-saga leaves a row
-- that the recovery pass of any node resumes (or compensates) once its lease has run out.
CREATE TABLE orders (
  id              uuid        PRIMARY KEY,
  user_id         uuid        NOT NULL,
  idempotency_key text        NOT NULL,
  request_hash    text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
  cancel_reason   text,
  step            text        NOT NULL CHECK (step IN ('RESERVE', 'AUTHORIZE', 'COMMIT', 'COMPENSATE', 'DONE')),
  -- a reason to stop (a customer's cancellation, an expired hold), honoured at the next step
  cancel_request  text,
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner     text,
  lease_until     timestamptz,
  total_minor     bigint      NOT NULL CHECK (total_minor >= 0),
  currency        char(3)     NOT NULL,
  payment_token   text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_idempotency UNIQUE (user_id, idempotency_key),
  CONSTRAINT orders_final_when_done CHECK ((step = 'DONE') = (status <> 'PENDING'))
);
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC);
CREATE INDEX orders_pending_due ON orders (next_attempt_at) WHERE status = 'PENDING';

CREATE TABLE order_lines (
  order_id         uuid    NOT NULL REFERENCES orders (id),
  line_no          integer NOT NULL,
  sku              text    NOT NULL,
  quantity         integer NOT NULL CHECK (quantity > 0),
  unit_price_minor bigint  NOT NULL CHECK (unit_price_minor >= 0),
  PRIMARY KEY (order_id, line_no)
);

-- Events of other domains this one has handled (idempotent consumers).
CREATE TABLE processed_events (
  event_id     uuid        PRIMARY KEY,
  processed_at timestamptz NOT NULL DEFAULT now()
);
