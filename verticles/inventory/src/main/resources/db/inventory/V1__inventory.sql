-- Products, stock and reservations. stock_on_hand is what the warehouse holds; reserved is held for
-- orders in progress. The CHECKs are the last line of defence of the stock invariants: whatever the
-- code does, a row can never show negative stock or more held than there is.
CREATE TABLE products (
  sku           text        PRIMARY KEY,
  name          text        NOT NULL,
  description   text        NOT NULL DEFAULT '',
  price_minor   bigint      NOT NULL CHECK (price_minor >= 0),
  currency      char(3)     NOT NULL,
  stock_on_hand integer     NOT NULL CHECK (stock_on_hand >= 0),
  reserved      integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= stock_on_hand),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One reservation per order: the order id makes reserve, commit and release idempotent.
CREATE TABLE reservations (
  order_id   uuid        PRIMARY KEY,
  status     text        NOT NULL CHECK (status IN ('HELD', 'COMMITTED', 'RELEASED', 'EXPIRED')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_held_by_expiry ON reservations (expires_at) WHERE status = 'HELD';

CREATE TABLE reservation_lines (
  order_id uuid    NOT NULL REFERENCES reservations (order_id),
  sku      text    NOT NULL REFERENCES products (sku),
  quantity integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, sku)
);

-- Restocks that came with an id (a delivery note, an inbound event): each is applied once.
CREATE TABLE restocks (
  restock_id text        PRIMARY KEY,
  sku        text        NOT NULL REFERENCES products (sku),
  quantity   integer     NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
