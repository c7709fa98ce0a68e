-- The SQL of one confirmed order's saga, statement for statement and transaction for transaction as
-- Cartwheel issues it (place, reserve, authorize, commit, finish), without the event bus, HTTP or JSON
-- around it: pgbench's rate for this script is the database's ceiling for orders on this machine. The
-- outbox relays and the notifications are in order-full.sql. It needs the BENCH-00..19 products that
-- OrdersSimulation creates. Outbox rows carry JSON like the node's (the same length), and are written as already
-- delivered, so that the node's own relays leave them alone (their work would otherwise count as this script's).
\set sku_n random(0, 19)
\set quantity random(1, 3)
SELECT gen_random_uuid() AS order_id, gen_random_uuid() AS user_id, 'BENCH-' || lpad(:sku_n::text, 2, '0') AS sku, now() AS at,
  gen_random_uuid() AS placed_id, gen_random_uuid() AS reserved_id, gen_random_uuid() AS authorized_id, gen_random_uuid() AS committed_id,
  gen_random_uuid() AS confirmed_id \gset

-- place: the idempotency lookup, the quote, the order with its lines and OrderPlaced in one statement
SELECT o.id, o.user_id, o.status, o.cancel_reason, o.step, o.cancel_request, o.attempts, o.total_minor, o.currency, o.payment_token,
  o.request_hash, o.created_at, o.updated_at, (SELECT coalesce(json_agg(json_build_array(l.sku, l.quantity, l.unit_price_minor)
  ORDER BY l.line_no), '[]')::text FROM orders.order_lines l WHERE l.order_id = o.id) AS lines
  FROM orders.orders o WHERE o.user_id = :user_id AND o.idempotency_key = :order_id;
SELECT sku, name, description, price_minor, currency, stock_on_hand, reserved FROM inventory.products WHERE sku = ANY(ARRAY[:sku]) ORDER BY sku;
WITH changed AS (INSERT INTO orders.orders (id, user_id, idempotency_key, request_hash, status, step, total_minor, currency, payment_token,
    lease_owner, lease_until, created_at, updated_at)
    VALUES (:order_id, :user_id, :order_id, 'bench', 'PENDING', 'RESERVE', 990 * :quantity, 'EUR', 'tok_visa', 'bench',
    now() + make_interval(secs => 15), :at, :at) RETURNING id),
  lines AS (INSERT INTO orders.order_lines (order_id, line_no, sku, quantity, unit_price_minor)
    SELECT :order_id, n, sku, quantity, price FROM unnest(ARRAY[:sku]::text[], ARRAY[:quantity]::int[], ARRAY[990]::bigint[]) WITH ORDINALITY AS l(sku, quantity, price, n)),
  event AS (INSERT INTO orders.outbox (id, aggregate_id, address, payload, occurred_at, traceparent, published_at, kafka_sent_at)
    SELECT :placed_id, :order_id, 'orders.evt.order-placed', '{"eventId":"0b7cc2a4-5b0e-4d45-9a3f-6a4f3c2d1e0f","occurredAt":"2026-12-06T17:00:00.123456Z","order":{"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","userId":"6f1c2a4e-8b0d-4c52-9d7e-3a1f0e5b9c11","status":"CONFIRMED","cancelReason": null,"lines":[{"sku":"BENCH-07","quantity":2,"unitPriceMinor":990}],"totalMinor":1980,"currency":"EUR","createdAt":"2026-12-06T17:00:00.012345Z","updatedAt":"2026-12-06T17:00:00.123456Z"}}', now(), NULL, now(), now() WHERE EXISTS (SELECT 1 FROM changed))
  SELECT id FROM changed;

-- reserve
BEGIN;
INSERT INTO inventory.reservations (order_id, status, expires_at) VALUES (:order_id, 'HELD', now() + make_interval(secs => 300))
  ON CONFLICT (order_id) DO NOTHING RETURNING expires_at;
SELECT sku, name, description, price_minor, currency, stock_on_hand, reserved FROM inventory.products WHERE sku = ANY(ARRAY[:sku]) ORDER BY sku FOR UPDATE;
WITH changed AS (UPDATE inventory.products p SET reserved = p.reserved + l.quantity, updated_at = now()
    FROM unnest(ARRAY[:sku]::text[], ARRAY[:quantity]::int[]) AS l(sku, quantity) WHERE p.sku = l.sku RETURNING p.sku),
  lines AS (INSERT INTO inventory.reservation_lines (order_id, sku, quantity)
    SELECT :order_id, sku, quantity FROM unnest(ARRAY[:sku]::text[], ARRAY[:quantity]::int[]) AS l(sku, quantity)),
  event AS (INSERT INTO inventory.outbox (id, aggregate_id, address, payload, occurred_at, traceparent, published_at, kafka_sent_at)
    SELECT :reserved_id, :order_id, 'inventory.evt.stock-reserved', '{"eventId":"0b7cc2a4-5b0e-4d45-9a3f-6a4f3c2d1e0f","occurredAt":"2026-12-06T17:00:00.123456Z","orderId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","lines":[{"sku":"BENCH-07","quantity":2}]}', now(), NULL, now(), now() WHERE EXISTS (SELECT 1 FROM changed))
  SELECT count(*) FROM changed;
COMMIT;
UPDATE orders.orders SET step = 'AUTHORIZE', attempts = 0, cancel_request = coalesce(cancel_request, NULL), lease_until = now() + make_interval(secs => 15),
  updated_at = now() WHERE id = :order_id AND lease_owner = 'bench' RETURNING cancel_request;

-- authorize: the payment, the provider's ledger, the settlement with PaymentAuthorized
INSERT INTO payments.payments AS p (order_id, status, amount_minor, currency) VALUES (:order_id, 'PENDING', 990 * :quantity, 'EUR')
  ON CONFLICT (order_id) DO UPDATE SET status = p.status
  RETURNING order_id, status, amount_minor, currency, provider_reference, decline_reason, updated_at;
INSERT INTO payments.simulated_provider_ledger AS l (idempotency_key, outcome, reference, amount_minor, currency, decline_reason)
  VALUES ('order-' || :order_id, 'AUTHORIZED', 'sim_bench', 990 * :quantity, 'EUR', NULL)
  ON CONFLICT (idempotency_key) DO UPDATE SET outcome = l.outcome RETURNING outcome, reference, decline_reason;
WITH changed AS (UPDATE payments.payments SET status = 'AUTHORIZED', provider_reference = coalesce('sim_bench', provider_reference),
    decline_reason = NULL, updated_at = now() WHERE order_id = :order_id AND status = 'PENDING'
    RETURNING order_id, status, amount_minor, currency, provider_reference, decline_reason, updated_at),
  event AS (INSERT INTO payments.outbox (id, aggregate_id, address, payload, occurred_at, traceparent, published_at, kafka_sent_at)
    SELECT :authorized_id, :order_id, 'payments.evt.payment-authorized', '{"eventId":"0b7cc2a4-5b0e-4d45-9a3f-6a4f3c2d1e0f","occurredAt":"2026-12-06T17:00:00.123456Z","orderId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","amountMinor":1980,"currency":"EUR","providerReference":"sim_0123456789abcdef"}', now(), NULL, now(), now() WHERE EXISTS (SELECT 1 FROM changed))
  SELECT order_id, status, amount_minor, currency, provider_reference, decline_reason, updated_at FROM changed;
UPDATE orders.orders SET step = 'COMMIT', attempts = 0, cancel_request = coalesce(cancel_request, NULL), lease_until = now() + make_interval(secs => 15),
  updated_at = now() WHERE id = :order_id AND lease_owner = 'bench' RETURNING cancel_request;

-- commit the stock
BEGIN;
WITH r AS (SELECT order_id, status, expires_at FROM inventory.reservations WHERE order_id = :order_id FOR UPDATE)
  SELECT r.order_id, r.status, r.expires_at, r.expires_at <= now() AS due,
  coalesce(array_agg(l.sku ORDER BY l.sku) FILTER (WHERE l.sku IS NOT NULL), '{}') AS skus,
  coalesce(array_agg(l.quantity ORDER BY l.sku) FILTER (WHERE l.sku IS NOT NULL), '{}') AS quantities
  FROM r LEFT JOIN inventory.reservation_lines l ON l.order_id = r.order_id GROUP BY r.order_id, r.status, r.expires_at;
SELECT sku, name, description, price_minor, currency, stock_on_hand, reserved FROM inventory.products WHERE sku = ANY(ARRAY[:sku]) ORDER BY sku FOR UPDATE;
WITH changed AS (UPDATE inventory.reservations SET status = 'COMMITTED', updated_at = now() WHERE order_id = :order_id RETURNING order_id),
  taken AS (UPDATE inventory.products p SET stock_on_hand = p.stock_on_hand - l.quantity, reserved = p.reserved - l.quantity, updated_at = now()
    FROM unnest(ARRAY[:sku]::text[], ARRAY[:quantity]::int[]) AS l(sku, quantity) WHERE p.sku = l.sku),
  event AS (INSERT INTO inventory.outbox (id, aggregate_id, address, payload, occurred_at, traceparent, published_at, kafka_sent_at)
    SELECT :committed_id, :order_id, 'inventory.evt.stock-committed', '{"eventId":"0b7cc2a4-5b0e-4d45-9a3f-6a4f3c2d1e0f","occurredAt":"2026-12-06T17:00:00.123456Z","orderId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","lines":[{"sku":"BENCH-07","quantity":2}]}', now(), NULL, now(), now() WHERE EXISTS (SELECT 1 FROM changed))
  SELECT count(*) FROM changed;
COMMIT;

-- finish: CONFIRMED with OrderConfirmed
WITH changed AS (UPDATE orders.orders SET status = 'CONFIRMED', cancel_reason = NULL, step = 'DONE', lease_owner = NULL, lease_until = NULL,
    updated_at = now() WHERE id = :order_id AND lease_owner = 'bench' RETURNING id),
  event AS (INSERT INTO orders.outbox (id, aggregate_id, address, payload, occurred_at, traceparent, published_at, kafka_sent_at)
    SELECT :confirmed_id, :order_id, 'orders.evt.order-confirmed', '{"eventId":"0b7cc2a4-5b0e-4d45-9a3f-6a4f3c2d1e0f","occurredAt":"2026-12-06T17:00:00.123456Z","order":{"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","userId":"6f1c2a4e-8b0d-4c52-9d7e-3a1f0e5b9c11","status":"CONFIRMED","cancelReason": null,"lines":[{"sku":"BENCH-07","quantity":2,"unitPriceMinor":990}],"totalMinor":1980,"currency":"EUR","createdAt":"2026-12-06T17:00:00.012345Z","updatedAt":"2026-12-06T17:00:00.123456Z"}}', now(), NULL, now(), now() WHERE EXISTS (SELECT 1 FROM changed))
  SELECT id FROM changed;
