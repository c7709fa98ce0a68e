-- The trace an event was written in (W3C traceparent), so that its CloudEvent continues that trace when
-- the relay sends it later. NULL when the change was made outside a trace.
ALTER TABLE outbox ADD COLUMN traceparent text;
