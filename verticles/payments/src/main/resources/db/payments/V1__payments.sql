-- One payment per order. A PENDING row is written before the provider is asked, so a crash between the
-- two leaves a trace that the next attempt resolves (the provider is asked again with the same
-- idempotency key: it never charges twice).
CREATE TABLE payments (
  order_id           uuid        PRIMARY KEY,
  status             text        NOT NULL CHECK (status IN ('PENDING', 'AUTHORIZED', 'DECLINED', 'REFUNDED', 'VOIDED')),
  amount_minor       bigint      NOT NULL CHECK (amount_minor >= 0),
  currency           char(3)     NOT NULL,
  provider_reference text,
  decline_reason     text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- The simulated provider's own ledger: it stands for the provider's systems, which remember every
-- idempotency key they saw. A key refunded before it was ever authorized is recorded VOIDED, so that a
-- late authorization under that key charges nothing.
CREATE TABLE simulated_provider_ledger (
  idempotency_key text        PRIMARY KEY,
  outcome         text        NOT NULL CHECK (outcome IN ('AUTHORIZED', 'DECLINED', 'VOIDED')),
  reference       text        NOT NULL,
  amount_minor    bigint      NOT NULL,
  currency        char(3)     NOT NULL,
  decline_reason  text,
  refunded        boolean     NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
