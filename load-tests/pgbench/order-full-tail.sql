-- What a node adds to the saga's SQL for each order (bench.sh appends this to order.sql as order-full.sql):
-- the two notifications (order received, order confirmed), each one statement with its event, and the
-- outbox relays, one read per outbox and destination (event bus, Kafka) marking what that destination took
-- of this order, as the relays do when they mark a batch with their next read. The relays' reads find
-- nothing new here (the node is idle while pgbench runs), as under load they find a row or two.
SELECT gen_random_uuid() AS received_id, gen_random_uuid() AS done_id, gen_random_uuid() AS received_event, gen_random_uuid() AS done_event \gset
WITH changed AS (INSERT INTO notifications.notifications (id, user_id, kind, title, body, order_id, order_status, cancel_reason, source_event_id, created_at)
    SELECT :received_id, :user_id, 'order-placed', 'Order received', 'We received order ' || left(:order_id::text, 8) || ' (9.90 EUR) and are checking stock and payment.',
      :order_id, 'PENDING', NULL, :placed_id, now()
    FROM (SELECT pg_advisory_xact_lock(hashtextextended('cartwheel.notifications.' || :user_id::uuid::text, 0))) AS serialized
    ON CONFLICT (source_event_id) DO NOTHING RETURNING id),
  event AS (INSERT INTO notifications.outbox (id, aggregate_id, address, payload, occurred_at, traceparent, published_at, kafka_sent_at)
    SELECT :received_event, :user_id, 'notifications.evt.notification-created', '{"eventId":"0b7cc2a4-5b0e-4d45-9a3f-6a4f3c2d1e0f","occurredAt":"2026-12-06T17:00:00.123456Z","notification":{"id":"5d0c1e9a-7f3b-4a61-8c2e-9b4d6f1a2c3e","userId":"6f1c2a4e-8b0d-4c52-9d7e-3a1f0e5b9c11","kind":"order-confirmed","title":"Order confirmed","body":"Order 1b4e28ba (19.80 EUR) is confirmed.","orderId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","orderStatus":"CONFIRMED","cancelReason": null,"createdAt":"2026-12-06T17:00:00.123456Z","readAt": null}}', now(), NULL, now(), now() WHERE EXISTS (SELECT 1 FROM changed))
  SELECT id FROM changed;
WITH changed AS (INSERT INTO notifications.notifications (id, user_id, kind, title, body, order_id, order_status, cancel_reason, source_event_id, created_at)
    SELECT :done_id, :user_id, 'order-confirmed', 'Order confirmed', 'Order ' || left(:order_id::text, 8) || ' (9.90 EUR) is confirmed.',
      :order_id, 'CONFIRMED', NULL, :confirmed_id, now()
    FROM (SELECT pg_advisory_xact_lock(hashtextextended('cartwheel.notifications.' || :user_id::uuid::text, 0))) AS serialized
    ON CONFLICT (source_event_id) DO NOTHING RETURNING id),
  event AS (INSERT INTO notifications.outbox (id, aggregate_id, address, payload, occurred_at, traceparent, published_at, kafka_sent_at)
    SELECT :done_event, :user_id, 'notifications.evt.notification-created', '{"eventId":"0b7cc2a4-5b0e-4d45-9a3f-6a4f3c2d1e0f","occurredAt":"2026-12-06T17:00:00.123456Z","notification":{"id":"5d0c1e9a-7f3b-4a61-8c2e-9b4d6f1a2c3e","userId":"6f1c2a4e-8b0d-4c52-9d7e-3a1f0e5b9c11","kind":"order-confirmed","title":"Order confirmed","body":"Order 1b4e28ba (19.80 EUR) is confirmed.","orderId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","orderStatus":"CONFIRMED","cancelReason": null,"createdAt":"2026-12-06T17:00:00.123456Z","readAt": null}}', now(), NULL, now(), now() WHERE EXISTS (SELECT 1 FROM changed))
  SELECT id FROM changed;
WITH marked AS (UPDATE orders.outbox SET published_at = now() WHERE id = ANY(ARRAY[:placed_id, :confirmed_id]::uuid[]))
  SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM orders.outbox
  WHERE published_at IS NULL AND id <> ALL(ARRAY[:placed_id, :confirmed_id]::uuid[]) ORDER BY seq LIMIT 200;
WITH marked AS (UPDATE orders.outbox SET kafka_sent_at = now() WHERE id = ANY(ARRAY[:placed_id, :confirmed_id]::uuid[]))
  SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM orders.outbox
  WHERE kafka_sent_at IS NULL AND id <> ALL(ARRAY[:placed_id, :confirmed_id]::uuid[]) ORDER BY seq LIMIT 200;
WITH marked AS (UPDATE inventory.outbox SET published_at = now() WHERE id = ANY(ARRAY[:reserved_id, :committed_id]::uuid[]))
  SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM inventory.outbox
  WHERE published_at IS NULL AND id <> ALL(ARRAY[:reserved_id, :committed_id]::uuid[]) ORDER BY seq LIMIT 200;
WITH marked AS (UPDATE inventory.outbox SET kafka_sent_at = now() WHERE id = ANY(ARRAY[:reserved_id, :committed_id]::uuid[]))
  SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM inventory.outbox
  WHERE kafka_sent_at IS NULL AND id <> ALL(ARRAY[:reserved_id, :committed_id]::uuid[]) ORDER BY seq LIMIT 200;
WITH marked AS (UPDATE payments.outbox SET published_at = now() WHERE id = ANY(ARRAY[:authorized_id]::uuid[]))
  SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM payments.outbox
  WHERE published_at IS NULL AND id <> ALL(ARRAY[:authorized_id]::uuid[]) ORDER BY seq LIMIT 200;
WITH marked AS (UPDATE payments.outbox SET kafka_sent_at = now() WHERE id = ANY(ARRAY[:authorized_id]::uuid[]))
  SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM payments.outbox
  WHERE kafka_sent_at IS NULL AND id <> ALL(ARRAY[:authorized_id]::uuid[]) ORDER BY seq LIMIT 200;
WITH marked AS (UPDATE notifications.outbox SET published_at = now() WHERE id = ANY(ARRAY[:received_event, :done_event]::uuid[]))
  SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM notifications.outbox
  WHERE published_at IS NULL AND id <> ALL(ARRAY[:received_event, :done_event]::uuid[]) ORDER BY seq LIMIT 200;
WITH marked AS (UPDATE notifications.outbox SET kafka_sent_at = now() WHERE id = ANY(ARRAY[:received_event, :done_event]::uuid[]))
  SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM notifications.outbox
  WHERE kafka_sent_at IS NULL AND id <> ALL(ARRAY[:received_event, :done_event]::uuid[]) ORDER BY seq LIMIT 200;
