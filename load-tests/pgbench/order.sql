-- The SQL one confirmed order costs Cartwheel, statement for statement and transaction for
-- transaction (quote, accept, reserve, authorize, commit, finish), without the event bus, HTTP or JSON
-- around it. pgbench's rate for this script is the database's ceiling for orders on this machine.
-- It needs the BENCH-00..19 products that OrdersSimulation creates.
\set sku_n random(0, 19)
\set quantity random(1, 3)
SELECT gen_random_uuid() AS order_id, gen_random_uuid() AS user_id, 'BENCH-' || lpad(:sku_n::text, 2, '0') AS sku \gset

-- accept: idempotency lookup, quote, insert order + line + OrderPlaced
SELECT id FROM orders.orders WHERE user_id = :user_id AND idempotency_key = :order_id;
SELECT sku, price_minor, currency FROM inventory.products WHERE sku = ANY(ARRAY[:sku]) ORDER BY sku;
BEGIN;
INSERT INTO orders.orders (id, user_id, idempotency_key, request_hash, status, step, total_minor, currency, payment_token, lease_owner, lease_until)
  VALUES (:order_id, :user_id, :order_id, 'bench', 'PENDING', 'RESERVE', 990 * :quantity, 'EUR', 'tok_visa', 'bench', now() + interval '15 seconds');
INSERT INTO orders.order_lines (order_id, line_no, sku, quantity, unit_price_minor) VALUES (:order_id, 1, :sku, :quantity, 990);
SELECT id, status FROM orders.orders WHERE id = :order_id;
INSERT INTO orders.outbox (id, aggregate_id, address, payload, occurred_at) VALUES (gen_random_uuid(), :order_id, 'orders.evt.order-placed', '{}', now());
COMMIT;

-- reserve
BEGIN;
INSERT INTO inventory.reservations (order_id, status, expires_at) VALUES (:order_id, 'HELD', now() + interval '600 seconds') ON CONFLICT (order_id) DO NOTHING;
SELECT sku, stock_on_hand, reserved FROM inventory.products WHERE sku = ANY(ARRAY[:sku]) ORDER BY sku FOR UPDATE;
UPDATE inventory.products SET reserved = reserved + :quantity, updated_at = now() WHERE sku = :sku;
INSERT INTO inventory.reservation_lines (order_id, sku, quantity) VALUES (:order_id, :sku, :quantity);
SELECT order_id, status, expires_at FROM inventory.reservations WHERE order_id = :order_id FOR UPDATE;
INSERT INTO inventory.outbox (id, aggregate_id, address, payload, occurred_at) VALUES (gen_random_uuid(), :order_id, 'inventory.evt.stock-reserved', '{}', now());
COMMIT;
UPDATE orders.orders SET step = 'AUTHORIZE', attempts = 0, lease_until = now() + interval '15 seconds', updated_at = now() WHERE id = :order_id AND lease_owner = 'bench';
SELECT id, step FROM orders.orders WHERE id = :order_id AND lease_owner = 'bench';

-- authorize (payment intent, provider ledger, settle)
BEGIN;
INSERT INTO payments.payments (order_id, status, amount_minor, currency) VALUES (:order_id, 'PENDING', 990 * :quantity, 'EUR') ON CONFLICT (order_id) DO NOTHING;
SELECT status FROM payments.payments WHERE order_id = :order_id;
COMMIT;
INSERT INTO payments.simulated_provider_ledger (idempotency_key, outcome, reference, amount_minor, currency) VALUES ('order-' || :order_id, 'AUTHORIZED', 'sim_bench', 990 * :quantity, 'EUR') ON CONFLICT DO NOTHING;
SELECT outcome, reference FROM payments.simulated_provider_ledger WHERE idempotency_key = 'order-' || :order_id;
BEGIN;
UPDATE payments.payments SET status = 'AUTHORIZED', provider_reference = 'sim_bench', updated_at = now() WHERE order_id = :order_id AND status = 'PENDING';
INSERT INTO payments.outbox (id, aggregate_id, address, payload, occurred_at) VALUES (gen_random_uuid(), :order_id, 'payments.evt.payment-authorized', '{}', now());
SELECT status FROM payments.payments WHERE order_id = :order_id;
COMMIT;
UPDATE orders.orders SET step = 'COMMIT', attempts = 0, lease_until = now() + interval '15 seconds', updated_at = now() WHERE id = :order_id AND lease_owner = 'bench';
SELECT id, step FROM orders.orders WHERE id = :order_id AND lease_owner = 'bench';

-- commit the stock
BEGIN;
SELECT order_id, status, expires_at FROM inventory.reservations WHERE order_id = :order_id FOR UPDATE;
SELECT sku FROM inventory.products WHERE sku = ANY(ARRAY[:sku]) ORDER BY sku FOR UPDATE;
UPDATE inventory.products SET stock_on_hand = stock_on_hand - :quantity, reserved = reserved - :quantity, updated_at = now() WHERE sku = :sku;
UPDATE inventory.reservations SET status = 'COMMITTED', updated_at = now() WHERE order_id = :order_id;
INSERT INTO inventory.outbox (id, aggregate_id, address, payload, occurred_at) VALUES (gen_random_uuid(), :order_id, 'inventory.evt.stock-committed', '{}', now());
COMMIT;

-- finish: CONFIRMED with OrderConfirmed
BEGIN;
UPDATE orders.orders SET status = 'CONFIRMED', step = 'DONE', lease_owner = NULL, lease_until = NULL, updated_at = now() WHERE id = :order_id AND lease_owner = 'bench';
SELECT id, status FROM orders.orders WHERE id = :order_id;
INSERT INTO orders.outbox (id, aggregate_id, address, payload, occurred_at) VALUES (gen_random_uuid(), :order_id, 'orders.evt.order-confirmed', '{}', now());
COMMIT;
