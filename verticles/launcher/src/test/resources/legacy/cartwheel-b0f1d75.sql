-- A database made by the jar of commit b0f1d75, the last one whose domains created their outboxes in
-- their own migrations (one flyway_schema_history per schema). LegacyDataIT restores it and starts the
-- current jar on it. How it was made (PostgreSQL 15 from Debian, whose pg_dump the embedded 17 lacks):
--   java -jar cartwheel.jar with CARTWHEEL_PG_URL=postgresql://postgres@127.0.0.1:55432/cartwheel and
--   CARTWHEEL_KAFKA_OUTBOUND_ENABLED=false (so that every outbox row still waits for Kafka), then the
--   README's curl tour as legacy@example.com / made-by-b0f1d75: one order CONFIRMED, one CANCELLED
--   (tok_decline); SIGTERM; then
--   pg_dump --inserts --no-owner --no-privileges --schema=users ... --schema=bridge cartwheel | grep -v '^\\'
--   (the grep drops psql's \restrict lines: the file is run over JDBC).
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: bridge; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA bridge;


--
-- Name: inventory; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA inventory;


--
-- Name: notifications; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA notifications;


--
-- Name: orders; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA orders;


--
-- Name: payments; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA payments;


--
-- Name: users; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA users;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: dead_letters; Type: TABLE; Schema: bridge; Owner: -
--

CREATE TABLE bridge.dead_letters (
    seq bigint NOT NULL,
    reason text NOT NULL,
    detail text NOT NULL,
    topic text NOT NULL,
    partition_no integer NOT NULL,
    record_offset bigint NOT NULL,
    record_key bytea,
    record_value bytea,
    record_headers jsonb NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    replayed_at timestamp with time zone
);


--
-- Name: dead_letters_seq_seq; Type: SEQUENCE; Schema: bridge; Owner: -
--

CREATE SEQUENCE bridge.dead_letters_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: dead_letters_seq_seq; Type: SEQUENCE OWNED BY; Schema: bridge; Owner: -
--

ALTER SEQUENCE bridge.dead_letters_seq_seq OWNED BY bridge.dead_letters.seq;


--
-- Name: flyway_schema_history; Type: TABLE; Schema: bridge; Owner: -
--

CREATE TABLE bridge.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: processed_inbound; Type: TABLE; Schema: bridge; Owner: -
--

CREATE TABLE bridge.processed_inbound (
    source text NOT NULL,
    id text NOT NULL,
    type text NOT NULL,
    handled_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: flyway_schema_history; Type: TABLE; Schema: inventory; Owner: -
--

CREATE TABLE inventory.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: outbox; Type: TABLE; Schema: inventory; Owner: -
--

CREATE TABLE inventory.outbox (
    seq bigint NOT NULL,
    id uuid NOT NULL,
    aggregate_id text NOT NULL,
    address text NOT NULL,
    payload jsonb NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone,
    kafka_sent_at timestamp with time zone,
    traceparent text
);


--
-- Name: outbox_seq_seq; Type: SEQUENCE; Schema: inventory; Owner: -
--

CREATE SEQUENCE inventory.outbox_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_seq_seq; Type: SEQUENCE OWNED BY; Schema: inventory; Owner: -
--

ALTER SEQUENCE inventory.outbox_seq_seq OWNED BY inventory.outbox.seq;


--
-- Name: products; Type: TABLE; Schema: inventory; Owner: -
--

CREATE TABLE inventory.products (
    sku text NOT NULL,
    name text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    price_minor bigint NOT NULL,
    currency character(3) NOT NULL,
    stock_on_hand integer NOT NULL,
    reserved integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT products_check CHECK (((reserved >= 0) AND (reserved <= stock_on_hand))),
    CONSTRAINT products_price_minor_check CHECK ((price_minor >= 0)),
    CONSTRAINT products_stock_on_hand_check CHECK ((stock_on_hand >= 0))
);


--
-- Name: reservation_lines; Type: TABLE; Schema: inventory; Owner: -
--

CREATE TABLE inventory.reservation_lines (
    order_id uuid NOT NULL,
    sku text NOT NULL,
    quantity integer NOT NULL,
    CONSTRAINT reservation_lines_quantity_check CHECK ((quantity > 0))
);


--
-- Name: reservations; Type: TABLE; Schema: inventory; Owner: -
--

CREATE TABLE inventory.reservations (
    order_id uuid NOT NULL,
    status text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reservations_status_check CHECK ((status = ANY (ARRAY['HELD'::text, 'COMMITTED'::text, 'RELEASED'::text, 'EXPIRED'::text])))
);


--
-- Name: restocks; Type: TABLE; Schema: inventory; Owner: -
--

CREATE TABLE inventory.restocks (
    restock_id text NOT NULL,
    sku text NOT NULL,
    quantity integer NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: flyway_schema_history; Type: TABLE; Schema: notifications; Owner: -
--

CREATE TABLE notifications.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: notifications; Type: TABLE; Schema: notifications; Owner: -
--

CREATE TABLE notifications.notifications (
    seq bigint NOT NULL,
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    order_id uuid,
    order_status text,
    cancel_reason text,
    source_event_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    read_at timestamp with time zone
);


--
-- Name: notifications_seq_seq; Type: SEQUENCE; Schema: notifications; Owner: -
--

CREATE SEQUENCE notifications.notifications_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: notifications_seq_seq; Type: SEQUENCE OWNED BY; Schema: notifications; Owner: -
--

ALTER SEQUENCE notifications.notifications_seq_seq OWNED BY notifications.notifications.seq;


--
-- Name: outbox; Type: TABLE; Schema: notifications; Owner: -
--

CREATE TABLE notifications.outbox (
    seq bigint NOT NULL,
    id uuid NOT NULL,
    aggregate_id text NOT NULL,
    address text NOT NULL,
    payload jsonb NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone,
    kafka_sent_at timestamp with time zone,
    traceparent text
);


--
-- Name: outbox_seq_seq; Type: SEQUENCE; Schema: notifications; Owner: -
--

CREATE SEQUENCE notifications.outbox_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_seq_seq; Type: SEQUENCE OWNED BY; Schema: notifications; Owner: -
--

ALTER SEQUENCE notifications.outbox_seq_seq OWNED BY notifications.outbox.seq;


--
-- Name: recipients; Type: TABLE; Schema: notifications; Owner: -
--

CREATE TABLE notifications.recipients (
    user_id uuid NOT NULL,
    email text NOT NULL,
    full_name text NOT NULL
);


--
-- Name: flyway_schema_history; Type: TABLE; Schema: orders; Owner: -
--

CREATE TABLE orders.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: order_lines; Type: TABLE; Schema: orders; Owner: -
--

CREATE TABLE orders.order_lines (
    order_id uuid NOT NULL,
    line_no integer NOT NULL,
    sku text NOT NULL,
    quantity integer NOT NULL,
    unit_price_minor bigint NOT NULL,
    CONSTRAINT order_lines_quantity_check CHECK ((quantity > 0)),
    CONSTRAINT order_lines_unit_price_minor_check CHECK ((unit_price_minor >= 0))
);


--
-- Name: orders; Type: TABLE; Schema: orders; Owner: -
--

CREATE TABLE orders.orders (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    idempotency_key text NOT NULL,
    request_hash text NOT NULL,
    status text NOT NULL,
    cancel_reason text,
    step text NOT NULL,
    cancel_request text,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    lease_owner text,
    lease_until timestamp with time zone,
    total_minor bigint NOT NULL,
    currency character(3) NOT NULL,
    payment_token text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_final_when_done CHECK (((step = 'DONE'::text) = (status <> 'PENDING'::text))),
    CONSTRAINT orders_status_check CHECK ((status = ANY (ARRAY['PENDING'::text, 'CONFIRMED'::text, 'CANCELLED'::text]))),
    CONSTRAINT orders_step_check CHECK ((step = ANY (ARRAY['RESERVE'::text, 'AUTHORIZE'::text, 'COMMIT'::text, 'COMPENSATE'::text, 'DONE'::text]))),
    CONSTRAINT orders_total_minor_check CHECK ((total_minor >= 0))
);


--
-- Name: outbox; Type: TABLE; Schema: orders; Owner: -
--

CREATE TABLE orders.outbox (
    seq bigint NOT NULL,
    id uuid NOT NULL,
    aggregate_id text NOT NULL,
    address text NOT NULL,
    payload jsonb NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone,
    kafka_sent_at timestamp with time zone,
    traceparent text
);


--
-- Name: outbox_seq_seq; Type: SEQUENCE; Schema: orders; Owner: -
--

CREATE SEQUENCE orders.outbox_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_seq_seq; Type: SEQUENCE OWNED BY; Schema: orders; Owner: -
--

ALTER SEQUENCE orders.outbox_seq_seq OWNED BY orders.outbox.seq;


--
-- Name: processed_events; Type: TABLE; Schema: orders; Owner: -
--

CREATE TABLE orders.processed_events (
    event_id uuid NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: flyway_schema_history; Type: TABLE; Schema: payments; Owner: -
--

CREATE TABLE payments.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: outbox; Type: TABLE; Schema: payments; Owner: -
--

CREATE TABLE payments.outbox (
    seq bigint NOT NULL,
    id uuid NOT NULL,
    aggregate_id text NOT NULL,
    address text NOT NULL,
    payload jsonb NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone,
    kafka_sent_at timestamp with time zone,
    traceparent text
);


--
-- Name: outbox_seq_seq; Type: SEQUENCE; Schema: payments; Owner: -
--

CREATE SEQUENCE payments.outbox_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_seq_seq; Type: SEQUENCE OWNED BY; Schema: payments; Owner: -
--

ALTER SEQUENCE payments.outbox_seq_seq OWNED BY payments.outbox.seq;


--
-- Name: payments; Type: TABLE; Schema: payments; Owner: -
--

CREATE TABLE payments.payments (
    order_id uuid NOT NULL,
    status text NOT NULL,
    amount_minor bigint NOT NULL,
    currency character(3) NOT NULL,
    provider_reference text,
    decline_reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payments_amount_minor_check CHECK ((amount_minor >= 0)),
    CONSTRAINT payments_status_check CHECK ((status = ANY (ARRAY['PENDING'::text, 'AUTHORIZED'::text, 'DECLINED'::text, 'REFUNDED'::text, 'VOIDED'::text])))
);


--
-- Name: simulated_provider_ledger; Type: TABLE; Schema: payments; Owner: -
--

CREATE TABLE payments.simulated_provider_ledger (
    idempotency_key text NOT NULL,
    outcome text NOT NULL,
    reference text NOT NULL,
    amount_minor bigint NOT NULL,
    currency character(3) NOT NULL,
    decline_reason text,
    refunded boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT simulated_provider_ledger_outcome_check CHECK ((outcome = ANY (ARRAY['AUTHORIZED'::text, 'DECLINED'::text, 'VOIDED'::text])))
);


--
-- Name: flyway_schema_history; Type: TABLE; Schema: users; Owner: -
--

CREATE TABLE users.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: outbox; Type: TABLE; Schema: users; Owner: -
--

CREATE TABLE users.outbox (
    seq bigint NOT NULL,
    id uuid NOT NULL,
    aggregate_id text NOT NULL,
    address text NOT NULL,
    payload jsonb NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone,
    kafka_sent_at timestamp with time zone,
    traceparent text
);


--
-- Name: outbox_seq_seq; Type: SEQUENCE; Schema: users; Owner: -
--

CREATE SEQUENCE users.outbox_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_seq_seq; Type: SEQUENCE OWNED BY; Schema: users; Owner: -
--

ALTER SEQUENCE users.outbox_seq_seq OWNED BY users.outbox.seq;


--
-- Name: users; Type: TABLE; Schema: users; Owner: -
--

CREATE TABLE users.users (
    id uuid NOT NULL,
    email text NOT NULL,
    full_name text NOT NULL,
    password_hash text NOT NULL,
    roles text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_email_lower CHECK ((email = lower(email))),
    CONSTRAINT users_roles_known CHECK (((roles <@ ARRAY['customer'::text, 'admin'::text]) AND (cardinality(roles) > 0)))
);


--
-- Name: dead_letters seq; Type: DEFAULT; Schema: bridge; Owner: -
--

ALTER TABLE ONLY bridge.dead_letters ALTER COLUMN seq SET DEFAULT nextval('bridge.dead_letters_seq_seq'::regclass);


--
-- Name: outbox seq; Type: DEFAULT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.outbox ALTER COLUMN seq SET DEFAULT nextval('inventory.outbox_seq_seq'::regclass);


--
-- Name: notifications seq; Type: DEFAULT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.notifications ALTER COLUMN seq SET DEFAULT nextval('notifications.notifications_seq_seq'::regclass);


--
-- Name: outbox seq; Type: DEFAULT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.outbox ALTER COLUMN seq SET DEFAULT nextval('notifications.outbox_seq_seq'::regclass);


--
-- Name: outbox seq; Type: DEFAULT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.outbox ALTER COLUMN seq SET DEFAULT nextval('orders.outbox_seq_seq'::regclass);


--
-- Name: outbox seq; Type: DEFAULT; Schema: payments; Owner: -
--

ALTER TABLE ONLY payments.outbox ALTER COLUMN seq SET DEFAULT nextval('payments.outbox_seq_seq'::regclass);


--
-- Name: outbox seq; Type: DEFAULT; Schema: users; Owner: -
--

ALTER TABLE ONLY users.outbox ALTER COLUMN seq SET DEFAULT nextval('users.outbox_seq_seq'::regclass);


--
-- Data for Name: dead_letters; Type: TABLE DATA; Schema: bridge; Owner: -
--



--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: bridge; Owner: -
--

INSERT INTO bridge.flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"bridge"', NULL, 'postgres', '2026-12-07 01:26:55.521354', 0, true);
INSERT INTO bridge.flyway_schema_history VALUES (1, '1', 'bridge', 'SQL', 'V1__bridge.sql', -887892054, 'postgres', '2026-12-07 01:26:55.553515', 15, true);


--
-- Data for Name: processed_inbound; Type: TABLE DATA; Schema: bridge; Owner: -
--



--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: inventory; Owner: -
--

INSERT INTO inventory.flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"inventory"', NULL, 'postgres', '2026-12-07 01:26:54.364234', 0, true);
INSERT INTO inventory.flyway_schema_history VALUES (1, '1', 'inventory', 'SQL', 'V1__inventory.sql', 450062036, 'postgres', '2026-12-07 01:26:54.404697', 32, true);
INSERT INTO inventory.flyway_schema_history VALUES (2, '2', 'outbox kafka', 'SQL', 'V2__outbox_kafka.sql', -2013449615, 'postgres', '2026-12-07 01:26:54.458998', 6, true);
INSERT INTO inventory.flyway_schema_history VALUES (3, '3', 'outbox traceparent', 'SQL', 'V3__outbox_traceparent.sql', 1933935266, 'postgres', '2026-12-07 01:26:54.47316', 1, true);


--
-- Data for Name: outbox; Type: TABLE DATA; Schema: inventory; Owner: -
--

INSERT INTO inventory.outbox VALUES (1, 'eace5d1b-3c0e-4a47-89b4-cf1e6accc116', 'CW-MUG-01', 'inventory.evt.product-created', '{"eventId": "eace5d1b-3c0e-4a47-89b4-cf1e6accc116", "product": {"sku": "CW-MUG-01", "name": "Cartwheel mug", "currency": "EUR", "reserved": 0, "priceMinor": 1290, "description": "Stoneware mug, 350 ml, dishwasher safe.", "stockOnHand": 50}, "occurredAt": "2026-12-07T01:26:54.555079560Z"}', '2026-12-07 01:26:54.555079+00', '2026-12-07 01:26:54.671612+00', NULL, NULL);
INSERT INTO inventory.outbox VALUES (2, 'eca6c41a-3877-4704-97cb-b2d3d8083c0e', 'CW-TEE-M', 'inventory.evt.product-created', '{"eventId": "eca6c41a-3877-4704-97cb-b2d3d8083c0e", "product": {"sku": "CW-TEE-M", "name": "Cartwheel T-shirt (M)", "currency": "EUR", "reserved": 0, "priceMinor": 2490, "description": "Organic cotton, navy, medium.", "stockOnHand": 40}, "occurredAt": "2026-12-07T01:26:54.568718229Z"}', '2026-12-07 01:26:54.568718+00', '2026-12-07 01:26:54.671612+00', NULL, NULL);
INSERT INTO inventory.outbox VALUES (3, '223b4cc1-3b21-4c2f-bd81-8fb18302cc55', 'CW-TEE-L', 'inventory.evt.product-created', '{"eventId": "223b4cc1-3b21-4c2f-bd81-8fb18302cc55", "product": {"sku": "CW-TEE-L", "name": "Cartwheel T-shirt (L)", "currency": "EUR", "reserved": 0, "priceMinor": 2490, "description": "Organic cotton, navy, large.", "stockOnHand": 40}, "occurredAt": "2026-12-07T01:26:54.572015737Z"}', '2026-12-07 01:26:54.572015+00', '2026-12-07 01:26:54.671612+00', NULL, NULL);
INSERT INTO inventory.outbox VALUES (4, '900fbb22-c55e-41f4-8346-c3729febc4df', 'CW-CAP-01', 'inventory.evt.product-created', '{"eventId": "900fbb22-c55e-41f4-8346-c3729febc4df", "product": {"sku": "CW-CAP-01", "name": "Cartwheel cap", "currency": "EUR", "reserved": 0, "priceMinor": 1990, "description": "Six-panel cap with embroidered logo.", "stockOnHand": 30}, "occurredAt": "2026-12-07T01:26:54.574450589Z"}', '2026-12-07 01:26:54.57445+00', '2026-12-07 01:26:54.671612+00', NULL, NULL);
INSERT INTO inventory.outbox VALUES (5, '9f6c8988-7e18-489d-ad7c-a5d8a956a936', 'CW-BAG-01', 'inventory.evt.product-created', '{"eventId": "9f6c8988-7e18-489d-ad7c-a5d8a956a936", "product": {"sku": "CW-BAG-01", "name": "Tote bag", "currency": "EUR", "reserved": 0, "priceMinor": 1590, "description": "Heavy canvas tote, 15 litres.", "stockOnHand": 60}, "occurredAt": "2026-12-07T01:26:54.577794454Z"}', '2026-12-07 01:26:54.577794+00', '2026-12-07 01:26:54.671612+00', NULL, NULL);
INSERT INTO inventory.outbox VALUES (6, '244ee930-b388-4897-9277-3e32affd5174', 'CW-STK-10', 'inventory.evt.product-created', '{"eventId": "244ee930-b388-4897-9277-3e32affd5174", "product": {"sku": "CW-STK-10", "name": "Sticker pack", "currency": "EUR", "reserved": 0, "priceMinor": 490, "description": "Ten vinyl stickers.", "stockOnHand": 200}, "occurredAt": "2026-12-07T01:26:54.580158421Z"}', '2026-12-07 01:26:54.580158+00', '2026-12-07 01:26:54.671612+00', NULL, NULL);
INSERT INTO inventory.outbox VALUES (7, '6537aeea-c1aa-43e1-a311-a3a34decefec', 'CW-NTB-A5', 'inventory.evt.product-created', '{"eventId": "6537aeea-c1aa-43e1-a311-a3a34decefec", "product": {"sku": "CW-NTB-A5", "name": "Dot-grid notebook", "currency": "EUR", "reserved": 0, "priceMinor": 1490, "description": "A5, 192 pages, lay-flat binding.", "stockOnHand": 25}, "occurredAt": "2026-12-07T01:26:54.582219278Z"}', '2026-12-07 01:26:54.582219+00', '2026-12-07 01:26:54.671612+00', NULL, NULL);
INSERT INTO inventory.outbox VALUES (8, '3ba16ab2-110f-4224-b8bf-9e3e7bfd2f80', 'CW-HOOD-L', 'inventory.evt.product-created', '{"eventId": "3ba16ab2-110f-4224-b8bf-9e3e7bfd2f80", "product": {"sku": "CW-HOOD-L", "name": "Cartwheel hoodie (L)", "currency": "EUR", "reserved": 0, "priceMinor": 5990, "description": "Brushed fleece, charcoal, large. A limited run.", "stockOnHand": 5}, "occurredAt": "2026-12-07T01:26:54.584054969Z"}', '2026-12-07 01:26:54.584054+00', '2026-12-07 01:26:54.671612+00', NULL, NULL);
INSERT INTO inventory.outbox VALUES (9, 'ee66f538-da54-4d7e-b9ea-e4da5b757f63', '6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'inventory.evt.stock-reserved', '{"lines": [{"sku": "CW-MUG-01", "quantity": 2}], "eventId": "ee66f538-da54-4d7e-b9ea-e4da5b757f63", "orderId": "6e3eb664-e579-467e-9adc-7aeac1dc1b73", "occurredAt": "2026-12-07T01:27:30.432455218Z"}', '2026-12-07 01:27:30.432455+00', '2026-12-07 01:27:30.475295+00', NULL, '00-c3be077f1adf3d6bdedd45ec3d6bf975-610cd7d77dd33741-01');
INSERT INTO inventory.outbox VALUES (10, 'f4693f52-6247-4538-b05b-009f8a79eecc', '6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'inventory.evt.stock-committed', '{"lines": [{"sku": "CW-MUG-01", "quantity": 2}], "eventId": "f4693f52-6247-4538-b05b-009f8a79eecc", "orderId": "6e3eb664-e579-467e-9adc-7aeac1dc1b73", "occurredAt": "2026-12-07T01:27:30.559016256Z"}', '2026-12-07 01:27:30.559016+00', '2026-12-07 01:27:30.582675+00', NULL, '00-c3be077f1adf3d6bdedd45ec3d6bf975-8633a4f5e6e4306b-01');
INSERT INTO inventory.outbox VALUES (11, '791c338f-1c93-4aec-9e99-0bd9cdc7cf7e', 'be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'inventory.evt.stock-reserved', '{"lines": [{"sku": "CW-MUG-01", "quantity": 1}], "eventId": "791c338f-1c93-4aec-9e99-0bd9cdc7cf7e", "orderId": "be65f112-eb4a-45da-b0a3-525a7df4a6e2", "occurredAt": "2026-12-07T01:27:30.679020430Z"}', '2026-12-07 01:27:30.67902+00', '2026-12-07 01:27:30.689383+00', NULL, '00-05d8d791ba9fcabfc0e2b64866528bb5-b86f72e41c6622cb-01');
INSERT INTO inventory.outbox VALUES (12, '74412ad4-af6d-41f9-b306-583271cf4929', 'be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'inventory.evt.stock-released', '{"lines": [{"sku": "CW-MUG-01", "quantity": 1}], "reason": "payment-declined", "eventId": "74412ad4-af6d-41f9-b306-583271cf4929", "orderId": "be65f112-eb4a-45da-b0a3-525a7df4a6e2", "occurredAt": "2026-12-07T01:27:30.728796142Z"}', '2026-12-07 01:27:30.728796+00', '2026-12-07 01:27:30.749612+00', NULL, '00-05d8d791ba9fcabfc0e2b64866528bb5-521799c95f77bccb-01');


--
-- Data for Name: products; Type: TABLE DATA; Schema: inventory; Owner: -
--

INSERT INTO inventory.products VALUES ('CW-TEE-M', 'Cartwheel T-shirt (M)', 'Organic cotton, navy, medium.', 2490, 'EUR', 40, 0, '2026-12-07 01:26:54.543373+00', '2026-12-07 01:26:54.543373+00');
INSERT INTO inventory.products VALUES ('CW-TEE-L', 'Cartwheel T-shirt (L)', 'Organic cotton, navy, large.', 2490, 'EUR', 40, 0, '2026-12-07 01:26:54.543373+00', '2026-12-07 01:26:54.543373+00');
INSERT INTO inventory.products VALUES ('CW-CAP-01', 'Cartwheel cap', 'Six-panel cap with embroidered logo.', 1990, 'EUR', 30, 0, '2026-12-07 01:26:54.543373+00', '2026-12-07 01:26:54.543373+00');
INSERT INTO inventory.products VALUES ('CW-BAG-01', 'Tote bag', 'Heavy canvas tote, 15 litres.', 1590, 'EUR', 60, 0, '2026-12-07 01:26:54.543373+00', '2026-12-07 01:26:54.543373+00');
INSERT INTO inventory.products VALUES ('CW-STK-10', 'Sticker pack', 'Ten vinyl stickers.', 490, 'EUR', 200, 0, '2026-12-07 01:26:54.543373+00', '2026-12-07 01:26:54.543373+00');
INSERT INTO inventory.products VALUES ('CW-NTB-A5', 'Dot-grid notebook', 'A5, 192 pages, lay-flat binding.', 1490, 'EUR', 25, 0, '2026-12-07 01:26:54.543373+00', '2026-12-07 01:26:54.543373+00');
INSERT INTO inventory.products VALUES ('CW-HOOD-L', 'Cartwheel hoodie (L)', 'Brushed fleece, charcoal, large. A limited run.', 5990, 'EUR', 5, 0, '2026-12-07 01:26:54.543373+00', '2026-12-07 01:26:54.543373+00');
INSERT INTO inventory.products VALUES ('CW-MUG-01', 'Cartwheel mug', 'Stoneware mug, 350 ml, dishwasher safe.', 1290, 'EUR', 48, 0, '2026-12-07 01:26:54.543373+00', '2026-12-07 01:27:30.721933+00');


--
-- Data for Name: reservation_lines; Type: TABLE DATA; Schema: inventory; Owner: -
--

INSERT INTO inventory.reservation_lines VALUES ('6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'CW-MUG-01', 2);
INSERT INTO inventory.reservation_lines VALUES ('be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'CW-MUG-01', 1);


--
-- Data for Name: reservations; Type: TABLE DATA; Schema: inventory; Owner: -
--

INSERT INTO inventory.reservations VALUES ('6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'COMMITTED', '2026-12-07 01:32:30.427536+00', '2026-12-07 01:27:30.427536+00', '2026-12-07 01:27:30.551004+00');
INSERT INTO inventory.reservations VALUES ('be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'RELEASED', '2026-12-07 01:32:30.676307+00', '2026-12-07 01:27:30.676307+00', '2026-12-07 01:27:30.721933+00');


--
-- Data for Name: restocks; Type: TABLE DATA; Schema: inventory; Owner: -
--



--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: notifications; Owner: -
--

INSERT INTO notifications.flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"notifications"', NULL, 'postgres', '2026-12-07 01:26:55.297683', 0, true);
INSERT INTO notifications.flyway_schema_history VALUES (1, '1', 'notifications', 'SQL', 'V1__notifications.sql', -1457721225, 'postgres', '2026-12-07 01:26:55.330591', 26, true);
INSERT INTO notifications.flyway_schema_history VALUES (2, '2', 'outbox traceparent', 'SQL', 'V2__outbox_traceparent.sql', 1933935266, 'postgres', '2026-12-07 01:26:55.364756', 1, true);


--
-- Data for Name: notifications; Type: TABLE DATA; Schema: notifications; Owner: -
--

INSERT INTO notifications.notifications VALUES (1, '4c231850-8e09-4412-a447-31e5f16722aa', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'welcome', 'Welcome to Cartwheel, Lee Gacy', 'Your account legacy@example.com is ready. Orders you place show up here as they move along.', NULL, NULL, NULL, 'fdc9d96d-b1a7-4bb4-9c5f-7c477390e190', '2026-12-07 01:27:30.192284+00', NULL);
INSERT INTO notifications.notifications VALUES (2, '428ab7bb-7cfb-4fd2-92e5-1580294c48b6', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'order-placed', 'Order received', 'We received order 6e3eb664 (25.80 EUR) and are checking stock and payment.', '6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'PENDING', NULL, 'dde4ce16-85d5-4f16-979e-743ab267f3d2', '2026-12-07 01:27:30.455514+00', NULL);
INSERT INTO notifications.notifications VALUES (3, '2501a18f-b862-4362-9af7-46644beeb862', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'order-confirmed', 'Order confirmed', 'Order 6e3eb664 (25.80 EUR) is confirmed.', '6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'CONFIRMED', NULL, '314ffb52-67fa-4003-83dc-75fc5fb5c449', '2026-12-07 01:27:30.60918+00', NULL);
INSERT INTO notifications.notifications VALUES (4, '0011fe75-17d5-467b-a975-9a0b406fccd9', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'order-placed', 'Order received', 'We received order be65f112 (12.90 EUR) and are checking stock and payment.', 'be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'PENDING', NULL, '8dba0d9a-0559-4a74-aefc-30b36dcce156', '2026-12-07 01:27:30.674591+00', NULL);
INSERT INTO notifications.notifications VALUES (5, '30814f1e-49ac-46f4-bdee-bd344dbdc11e', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'order-cancelled', 'Order cancelled', 'Order be65f112 was cancelled: the payment was declined. Nothing was charged or kept.', 'be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'CANCELLED', 'payment-declined', '9fea2679-7d2c-4663-bad2-7a4e9a5394ae', '2026-12-07 01:27:30.749774+00', NULL);


--
-- Data for Name: outbox; Type: TABLE DATA; Schema: notifications; Owner: -
--

INSERT INTO notifications.outbox VALUES (1, '4c231850-8e09-4412-a447-31e5f16722aa', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'notifications.evt.notification-created', '{"eventId": "4c231850-8e09-4412-a447-31e5f16722aa", "occurredAt": "2026-12-07T01:27:30.192284Z", "notification": {"id": "4c231850-8e09-4412-a447-31e5f16722aa", "body": "Your account legacy@example.com is ready. Orders you place show up here as they move along.", "kind": "welcome", "title": "Welcome to Cartwheel, Lee Gacy", "readAt": null, "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "orderId": null, "createdAt": "2026-12-07T01:27:30.192284Z", "orderStatus": null, "cancelReason": null}}', '2026-12-07 01:27:30.192284+00', '2026-12-07 01:27:30.284882+00', NULL, NULL);
INSERT INTO notifications.outbox VALUES (2, '428ab7bb-7cfb-4fd2-92e5-1580294c48b6', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'notifications.evt.notification-created', '{"eventId": "428ab7bb-7cfb-4fd2-92e5-1580294c48b6", "occurredAt": "2026-12-07T01:27:30.455514Z", "notification": {"id": "428ab7bb-7cfb-4fd2-92e5-1580294c48b6", "body": "We received order 6e3eb664 (25.80 EUR) and are checking stock and payment.", "kind": "order-placed", "title": "Order received", "readAt": null, "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "orderId": "6e3eb664-e579-467e-9adc-7aeac1dc1b73", "createdAt": "2026-12-07T01:27:30.455514Z", "orderStatus": "PENDING", "cancelReason": null}}', '2026-12-07 01:27:30.455514+00', '2026-12-07 01:27:30.483222+00', NULL, NULL);
INSERT INTO notifications.outbox VALUES (3, '2501a18f-b862-4362-9af7-46644beeb862', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'notifications.evt.notification-created', '{"eventId": "2501a18f-b862-4362-9af7-46644beeb862", "occurredAt": "2026-12-07T01:27:30.609180Z", "notification": {"id": "2501a18f-b862-4362-9af7-46644beeb862", "body": "Order 6e3eb664 (25.80 EUR) is confirmed.", "kind": "order-confirmed", "title": "Order confirmed", "readAt": null, "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "orderId": "6e3eb664-e579-467e-9adc-7aeac1dc1b73", "createdAt": "2026-12-07T01:27:30.609180Z", "orderStatus": "CONFIRMED", "cancelReason": null}}', '2026-12-07 01:27:30.60918+00', '2026-12-07 01:27:30.641543+00', NULL, NULL);
INSERT INTO notifications.outbox VALUES (4, '0011fe75-17d5-467b-a975-9a0b406fccd9', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'notifications.evt.notification-created', '{"eventId": "0011fe75-17d5-467b-a975-9a0b406fccd9", "occurredAt": "2026-12-07T01:27:30.674591Z", "notification": {"id": "0011fe75-17d5-467b-a975-9a0b406fccd9", "body": "We received order be65f112 (12.90 EUR) and are checking stock and payment.", "kind": "order-placed", "title": "Order received", "readAt": null, "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "orderId": "be65f112-eb4a-45da-b0a3-525a7df4a6e2", "createdAt": "2026-12-07T01:27:30.674591Z", "orderStatus": "PENDING", "cancelReason": null}}', '2026-12-07 01:27:30.674591+00', '2026-12-07 01:27:30.687855+00', NULL, NULL);
INSERT INTO notifications.outbox VALUES (5, '30814f1e-49ac-46f4-bdee-bd344dbdc11e', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'notifications.evt.notification-created', '{"eventId": "30814f1e-49ac-46f4-bdee-bd344dbdc11e", "occurredAt": "2026-12-07T01:27:30.749774Z", "notification": {"id": "30814f1e-49ac-46f4-bdee-bd344dbdc11e", "body": "Order be65f112 was cancelled: the payment was declined. Nothing was charged or kept.", "kind": "order-cancelled", "title": "Order cancelled", "readAt": null, "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "orderId": "be65f112-eb4a-45da-b0a3-525a7df4a6e2", "createdAt": "2026-12-07T01:27:30.749774Z", "orderStatus": "CANCELLED", "cancelReason": "payment-declined"}}', '2026-12-07 01:27:30.749774+00', '2026-12-07 01:27:30.765795+00', NULL, NULL);


--
-- Data for Name: recipients; Type: TABLE DATA; Schema: notifications; Owner: -
--

INSERT INTO notifications.recipients VALUES ('aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'legacy@example.com', 'Lee Gacy');


--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: orders; Owner: -
--

INSERT INTO orders.flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"orders"', NULL, 'postgres', '2026-12-07 01:26:55.000703', 0, true);
INSERT INTO orders.flyway_schema_history VALUES (1, '1', 'orders', 'SQL', 'V1__orders.sql', 1208394937, 'postgres', '2026-12-07 01:26:55.038647', 27, true);
INSERT INTO orders.flyway_schema_history VALUES (2, '2', 'outbox kafka', 'SQL', 'V2__outbox_kafka.sql', -2013449615, 'postgres', '2026-12-07 01:26:55.082443', 6, true);
INSERT INTO orders.flyway_schema_history VALUES (3, '3', 'outbox traceparent', 'SQL', 'V3__outbox_traceparent.sql', 1933935266, 'postgres', '2026-12-07 01:26:55.097856', 8, true);


--
-- Data for Name: order_lines; Type: TABLE DATA; Schema: orders; Owner: -
--

INSERT INTO orders.order_lines VALUES ('6e3eb664-e579-467e-9adc-7aeac1dc1b73', 1, 'CW-MUG-01', 2, 1290);
INSERT INTO orders.order_lines VALUES ('be65f112-eb4a-45da-b0a3-525a7df4a6e2', 1, 'CW-MUG-01', 1, 1290);


--
-- Data for Name: orders; Type: TABLE DATA; Schema: orders; Owner: -
--

INSERT INTO orders.orders VALUES ('6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'legacy-1', '6481c2fbd9e6139f6c35da456f9e543668f748b752fca03f57d88d058a006a7d', 'CONFIRMED', NULL, 'DONE', NULL, 0, '2026-12-07 01:27:30.41383+00', NULL, NULL, 2580, 'EUR', 'tok_visa', '2026-12-07 01:27:30.39714+00', '2026-12-07 01:27:30.570324+00');
INSERT INTO orders.orders VALUES ('be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'legacy-2', '41dfe442fd50c1b39b2ee838e436f7f717cab93c38b3f4a9ca5822e88050c0da', 'CANCELLED', 'payment-declined', 'DONE', 'payment-declined', 0, '2026-12-07 01:27:30.668595+00', NULL, NULL, 1290, 'EUR', 'tok_decline', '2026-12-07 01:27:30.667589+00', '2026-12-07 01:27:30.738049+00');


--
-- Data for Name: outbox; Type: TABLE DATA; Schema: orders; Owner: -
--

INSERT INTO orders.outbox VALUES (1, 'dde4ce16-85d5-4f16-979e-743ab267f3d2', '6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'orders.evt.order-placed', '{"order": {"id": "6e3eb664-e579-467e-9adc-7aeac1dc1b73", "lines": [{"sku": "CW-MUG-01", "quantity": 2, "unitPriceMinor": 1290}], "status": "PENDING", "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "currency": "EUR", "createdAt": "2026-12-07T01:27:30.397140Z", "updatedAt": "2026-12-07T01:27:30.397140Z", "totalMinor": 2580, "cancelReason": null}, "eventId": "dde4ce16-85d5-4f16-979e-743ab267f3d2", "occurredAt": "2026-12-07T01:27:30.397140Z"}', '2026-12-07 01:27:30.39714+00', '2026-12-07 01:27:30.459309+00', NULL, '00-c3be077f1adf3d6bdedd45ec3d6bf975-d0732cddf11adb9a-01');
INSERT INTO orders.outbox VALUES (2, '314ffb52-67fa-4003-83dc-75fc5fb5c449', '6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'orders.evt.order-confirmed', '{"order": {"id": "6e3eb664-e579-467e-9adc-7aeac1dc1b73", "lines": [{"sku": "CW-MUG-01", "quantity": 2, "unitPriceMinor": 1290}], "status": "CONFIRMED", "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "currency": "EUR", "createdAt": "2026-12-07T01:27:30.397140Z", "updatedAt": "2026-12-07T01:27:30.570324Z", "totalMinor": 2580, "cancelReason": null}, "eventId": "314ffb52-67fa-4003-83dc-75fc5fb5c449", "occurredAt": "2026-12-07T01:27:30.570324Z"}', '2026-12-07 01:27:30.570324+00', '2026-12-07 01:27:30.618556+00', NULL, '00-c3be077f1adf3d6bdedd45ec3d6bf975-d0732cddf11adb9a-01');
INSERT INTO orders.outbox VALUES (3, '8dba0d9a-0559-4a74-aefc-30b36dcce156', 'be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'orders.evt.order-placed', '{"order": {"id": "be65f112-eb4a-45da-b0a3-525a7df4a6e2", "lines": [{"sku": "CW-MUG-01", "quantity": 1, "unitPriceMinor": 1290}], "status": "PENDING", "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "currency": "EUR", "createdAt": "2026-12-07T01:27:30.667589Z", "updatedAt": "2026-12-07T01:27:30.667589Z", "totalMinor": 1290, "cancelReason": null}, "eventId": "8dba0d9a-0559-4a74-aefc-30b36dcce156", "occurredAt": "2026-12-07T01:27:30.667589Z"}', '2026-12-07 01:27:30.667589+00', '2026-12-07 01:27:30.683592+00', NULL, '00-05d8d791ba9fcabfc0e2b64866528bb5-f7afdfcc3aa256d9-01');
INSERT INTO orders.outbox VALUES (4, '9fea2679-7d2c-4663-bad2-7a4e9a5394ae', 'be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'orders.evt.order-cancelled', '{"order": {"id": "be65f112-eb4a-45da-b0a3-525a7df4a6e2", "lines": [{"sku": "CW-MUG-01", "quantity": 1, "unitPriceMinor": 1290}], "status": "CANCELLED", "userId": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "currency": "EUR", "createdAt": "2026-12-07T01:27:30.667589Z", "updatedAt": "2026-12-07T01:27:30.738049Z", "totalMinor": 1290, "cancelReason": "payment-declined"}, "eventId": "9fea2679-7d2c-4663-bad2-7a4e9a5394ae", "occurredAt": "2026-12-07T01:27:30.738049Z"}', '2026-12-07 01:27:30.738049+00', '2026-12-07 01:27:30.748651+00', NULL, '00-05d8d791ba9fcabfc0e2b64866528bb5-f7afdfcc3aa256d9-01');


--
-- Data for Name: processed_events; Type: TABLE DATA; Schema: orders; Owner: -
--



--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: payments; Owner: -
--

INSERT INTO payments.flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"payments"', NULL, 'postgres', '2026-12-07 01:26:54.731547', 0, true);
INSERT INTO payments.flyway_schema_history VALUES (1, '1', 'payments', 'SQL', 'V1__payments.sql', -756174704, 'postgres', '2026-12-07 01:26:54.760726', 22, true);
INSERT INTO payments.flyway_schema_history VALUES (2, '2', 'outbox kafka', 'SQL', 'V2__outbox_kafka.sql', -2013449615, 'postgres', '2026-12-07 01:26:54.792475', 3, true);
INSERT INTO payments.flyway_schema_history VALUES (3, '3', 'outbox traceparent', 'SQL', 'V3__outbox_traceparent.sql', 1933935266, 'postgres', '2026-12-07 01:26:54.802398', 1, true);


--
-- Data for Name: outbox; Type: TABLE DATA; Schema: payments; Owner: -
--

INSERT INTO payments.outbox VALUES (1, '5d0c03c5-6f13-449e-8b96-f5a38d130ee2', '6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'payments.evt.payment-authorized', '{"eventId": "5d0c03c5-6f13-449e-8b96-f5a38d130ee2", "orderId": "6e3eb664-e579-467e-9adc-7aeac1dc1b73", "currency": "EUR", "occurredAt": "2026-12-07T01:27:30.519411222Z", "amountMinor": 2580, "providerReference": "sim_31ec2a477c204374"}', '2026-12-07 01:27:30.519411+00', '2026-12-07 01:27:30.547593+00', NULL, '00-c3be077f1adf3d6bdedd45ec3d6bf975-8c8830d59fe719d0-01');
INSERT INTO payments.outbox VALUES (2, 'b31705e3-4560-4754-819d-6aad0464f01f', 'be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'payments.evt.payment-declined', '{"reason": "card-declined", "eventId": "b31705e3-4560-4754-819d-6aad0464f01f", "orderId": "be65f112-eb4a-45da-b0a3-525a7df4a6e2", "currency": "EUR", "occurredAt": "2026-12-07T01:27:30.710464945Z", "amountMinor": 1290}', '2026-12-07 01:27:30.710464+00', '2026-12-07 01:27:30.730657+00', NULL, '00-05d8d791ba9fcabfc0e2b64866528bb5-2e03a07157f1f188-01');


--
-- Data for Name: payments; Type: TABLE DATA; Schema: payments; Owner: -
--

INSERT INTO payments.payments VALUES ('6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'AUTHORIZED', 2580, 'EUR', 'sim_31ec2a477c204374', NULL, '2026-12-07 01:27:30.484226+00', '2026-12-07 01:27:30.529732+00');
INSERT INTO payments.payments VALUES ('be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'DECLINED', 1290, 'EUR', 'sim_928f0c7bc81e49fb', 'card-declined', '2026-12-07 01:27:30.686462+00', '2026-12-07 01:27:30.713932+00');


--
-- Data for Name: simulated_provider_ledger; Type: TABLE DATA; Schema: payments; Owner: -
--

INSERT INTO payments.simulated_provider_ledger VALUES ('order-6e3eb664-e579-467e-9adc-7aeac1dc1b73', 'AUTHORIZED', 'sim_31ec2a477c204374', 2580, 'EUR', NULL, false, '2026-12-07 01:27:30.516504+00');
INSERT INTO payments.simulated_provider_ledger VALUES ('order-be65f112-eb4a-45da-b0a3-525a7df4a6e2', 'DECLINED', 'sim_928f0c7bc81e49fb', 1290, 'EUR', 'card-declined', false, '2026-12-07 01:27:30.708935+00');


--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: users; Owner: -
--

INSERT INTO users.flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"users"', NULL, 'postgres', '2026-12-07 01:26:53.231626', 0, true);
INSERT INTO users.flyway_schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', 1547125520, 'postgres', '2026-12-07 01:26:53.312788', 19, true);
INSERT INTO users.flyway_schema_history VALUES (2, '2', 'outbox', 'SQL', 'V2__outbox.sql', -2026239779, 'postgres', '2026-12-07 01:26:53.364289', 15, true);
INSERT INTO users.flyway_schema_history VALUES (3, '3', 'outbox kafka', 'SQL', 'V3__outbox_kafka.sql', -2013449615, 'postgres', '2026-12-07 01:26:53.397569', 7, true);
INSERT INTO users.flyway_schema_history VALUES (4, '4', 'outbox traceparent', 'SQL', 'V4__outbox_traceparent.sql', 1933935266, 'postgres', '2026-12-07 01:26:53.420267', 2, true);


--
-- Data for Name: outbox; Type: TABLE DATA; Schema: users; Owner: -
--

INSERT INTO users.outbox VALUES (1, 'a49f910b-a422-4502-900d-2ba8112e38a6', '058177aa-4297-4c21-8dcf-c0c2349e2e19', 'users.evt.user-registered', '{"user": {"id": "058177aa-4297-4c21-8dcf-c0c2349e2e19", "email": "admin@cartwheel.dev", "roles": ["admin", "customer"], "fullName": "Administrator", "createdAt": "2026-12-07T01:26:54.160604Z"}, "eventId": "a49f910b-a422-4502-900d-2ba8112e38a6", "occurredAt": "2026-12-07T01:26:54.171594547Z"}', '2026-12-07 01:26:54.171594+00', '2026-12-07 01:26:54.268697+00', NULL, NULL);
INSERT INTO users.outbox VALUES (2, 'fdc9d96d-b1a7-4bb4-9c5f-7c477390e190', 'aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'users.evt.user-registered', '{"user": {"id": "aa27f9eb-599c-4001-8cdb-c1c7f7a555c5", "email": "legacy@example.com", "roles": ["customer"], "fullName": "Lee Gacy", "createdAt": "2026-12-07T01:27:30.149683Z"}, "eventId": "fdc9d96d-b1a7-4bb4-9c5f-7c477390e190", "occurredAt": "2026-12-07T01:27:30.152346282Z"}', '2026-12-07 01:27:30.152346+00', '2026-12-07 01:27:30.186075+00', NULL, '00-82857345404e8f914b60c0b84821e9b9-96d43a9813c37c08-01');


--
-- Data for Name: users; Type: TABLE DATA; Schema: users; Owner: -
--

INSERT INTO users.users VALUES ('058177aa-4297-4c21-8dcf-c0c2349e2e19', 'admin@cartwheel.dev', 'Administrator', '$argon2id$v=19$m=19456,t=2,p=1$J8dxh4sW9e+h2v/0EhpYmA$uDhRuRwtC+Ni02U8rVDUgOIncy28zW8SGCKF8b8vK4A', '{admin,customer}', '2026-12-07 01:26:54.160604+00');
INSERT INTO users.users VALUES ('aa27f9eb-599c-4001-8cdb-c1c7f7a555c5', 'legacy@example.com', 'Lee Gacy', '$argon2id$v=19$m=19456,t=2,p=1$0p24Q+Zxnnpcj4KRRJowrQ$hMssc6YBEW9z7kKe7jO6HLYod5Ia+1jkHrEmRJ+T3Go', '{customer}', '2026-12-07 01:27:30.149683+00');


--
-- Name: dead_letters_seq_seq; Type: SEQUENCE SET; Schema: bridge; Owner: -
--

SELECT pg_catalog.setval('bridge.dead_letters_seq_seq', 1, false);


--
-- Name: outbox_seq_seq; Type: SEQUENCE SET; Schema: inventory; Owner: -
--

SELECT pg_catalog.setval('inventory.outbox_seq_seq', 12, true);


--
-- Name: notifications_seq_seq; Type: SEQUENCE SET; Schema: notifications; Owner: -
--

SELECT pg_catalog.setval('notifications.notifications_seq_seq', 5, true);


--
-- Name: outbox_seq_seq; Type: SEQUENCE SET; Schema: notifications; Owner: -
--

SELECT pg_catalog.setval('notifications.outbox_seq_seq', 5, true);


--
-- Name: outbox_seq_seq; Type: SEQUENCE SET; Schema: orders; Owner: -
--

SELECT pg_catalog.setval('orders.outbox_seq_seq', 4, true);


--
-- Name: outbox_seq_seq; Type: SEQUENCE SET; Schema: payments; Owner: -
--

SELECT pg_catalog.setval('payments.outbox_seq_seq', 2, true);


--
-- Name: outbox_seq_seq; Type: SEQUENCE SET; Schema: users; Owner: -
--

SELECT pg_catalog.setval('users.outbox_seq_seq', 2, true);


--
-- Name: dead_letters dead_letters_pkey; Type: CONSTRAINT; Schema: bridge; Owner: -
--

ALTER TABLE ONLY bridge.dead_letters
    ADD CONSTRAINT dead_letters_pkey PRIMARY KEY (seq);


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: bridge; Owner: -
--

ALTER TABLE ONLY bridge.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


--
-- Name: processed_inbound processed_inbound_pkey; Type: CONSTRAINT; Schema: bridge; Owner: -
--

ALTER TABLE ONLY bridge.processed_inbound
    ADD CONSTRAINT processed_inbound_pkey PRIMARY KEY (source, id);


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


--
-- Name: outbox outbox_id_key; Type: CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.outbox
    ADD CONSTRAINT outbox_id_key UNIQUE (id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (seq);


--
-- Name: products products_pkey; Type: CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (sku);


--
-- Name: reservation_lines reservation_lines_pkey; Type: CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.reservation_lines
    ADD CONSTRAINT reservation_lines_pkey PRIMARY KEY (order_id, sku);


--
-- Name: reservations reservations_pkey; Type: CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.reservations
    ADD CONSTRAINT reservations_pkey PRIMARY KEY (order_id);


--
-- Name: restocks restocks_pkey; Type: CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.restocks
    ADD CONSTRAINT restocks_pkey PRIMARY KEY (restock_id);


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


--
-- Name: notifications notifications_id_key; Type: CONSTRAINT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.notifications
    ADD CONSTRAINT notifications_id_key UNIQUE (id);


--
-- Name: notifications notifications_pkey; Type: CONSTRAINT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (seq);


--
-- Name: notifications notifications_source_event_id_key; Type: CONSTRAINT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.notifications
    ADD CONSTRAINT notifications_source_event_id_key UNIQUE (source_event_id);


--
-- Name: outbox outbox_id_key; Type: CONSTRAINT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.outbox
    ADD CONSTRAINT outbox_id_key UNIQUE (id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (seq);


--
-- Name: recipients recipients_pkey; Type: CONSTRAINT; Schema: notifications; Owner: -
--

ALTER TABLE ONLY notifications.recipients
    ADD CONSTRAINT recipients_pkey PRIMARY KEY (user_id);


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


--
-- Name: order_lines order_lines_pkey; Type: CONSTRAINT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.order_lines
    ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no);


--
-- Name: orders orders_idempotency; Type: CONSTRAINT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.orders
    ADD CONSTRAINT orders_idempotency UNIQUE (user_id, idempotency_key);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: outbox outbox_id_key; Type: CONSTRAINT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.outbox
    ADD CONSTRAINT outbox_id_key UNIQUE (id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (seq);


--
-- Name: processed_events processed_events_pkey; Type: CONSTRAINT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.processed_events
    ADD CONSTRAINT processed_events_pkey PRIMARY KEY (event_id);


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: payments; Owner: -
--

ALTER TABLE ONLY payments.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


--
-- Name: outbox outbox_id_key; Type: CONSTRAINT; Schema: payments; Owner: -
--

ALTER TABLE ONLY payments.outbox
    ADD CONSTRAINT outbox_id_key UNIQUE (id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: payments; Owner: -
--

ALTER TABLE ONLY payments.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (seq);


--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: payments; Owner: -
--

ALTER TABLE ONLY payments.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (order_id);


--
-- Name: simulated_provider_ledger simulated_provider_ledger_pkey; Type: CONSTRAINT; Schema: payments; Owner: -
--

ALTER TABLE ONLY payments.simulated_provider_ledger
    ADD CONSTRAINT simulated_provider_ledger_pkey PRIMARY KEY (idempotency_key);


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: users; Owner: -
--

ALTER TABLE ONLY users.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


--
-- Name: outbox outbox_id_key; Type: CONSTRAINT; Schema: users; Owner: -
--

ALTER TABLE ONLY users.outbox
    ADD CONSTRAINT outbox_id_key UNIQUE (id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: users; Owner: -
--

ALTER TABLE ONLY users.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (seq);


--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: users; Owner: -
--

ALTER TABLE ONLY users.users
    ADD CONSTRAINT users_email_key UNIQUE (email);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: users; Owner: -
--

ALTER TABLE ONLY users.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: dead_letters_waiting; Type: INDEX; Schema: bridge; Owner: -
--

CREATE INDEX dead_letters_waiting ON bridge.dead_letters USING btree (reason, seq) WHERE (replayed_at IS NULL);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: bridge; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON bridge.flyway_schema_history USING btree (success);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: inventory; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON inventory.flyway_schema_history USING btree (success);


--
-- Name: outbox_unpublished; Type: INDEX; Schema: inventory; Owner: -
--

CREATE INDEX outbox_unpublished ON inventory.outbox USING btree (seq) WHERE (published_at IS NULL);


--
-- Name: outbox_unsent_to_kafka; Type: INDEX; Schema: inventory; Owner: -
--

CREATE INDEX outbox_unsent_to_kafka ON inventory.outbox USING btree (seq) WHERE (kafka_sent_at IS NULL);


--
-- Name: reservations_held_by_expiry; Type: INDEX; Schema: inventory; Owner: -
--

CREATE INDEX reservations_held_by_expiry ON inventory.reservations USING btree (expires_at) WHERE (status = 'HELD'::text);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: notifications; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON notifications.flyway_schema_history USING btree (success);


--
-- Name: notifications_of_order; Type: INDEX; Schema: notifications; Owner: -
--

CREATE INDEX notifications_of_order ON notifications.notifications USING btree (order_id) WHERE (order_id IS NOT NULL);


--
-- Name: notifications_of_user; Type: INDEX; Schema: notifications; Owner: -
--

CREATE INDEX notifications_of_user ON notifications.notifications USING btree (user_id, seq);


--
-- Name: outbox_unpublished; Type: INDEX; Schema: notifications; Owner: -
--

CREATE INDEX outbox_unpublished ON notifications.outbox USING btree (seq) WHERE (published_at IS NULL);


--
-- Name: outbox_unsent_to_kafka; Type: INDEX; Schema: notifications; Owner: -
--

CREATE INDEX outbox_unsent_to_kafka ON notifications.outbox USING btree (seq) WHERE (kafka_sent_at IS NULL);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: orders; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON orders.flyway_schema_history USING btree (success);


--
-- Name: orders_by_user; Type: INDEX; Schema: orders; Owner: -
--

CREATE INDEX orders_by_user ON orders.orders USING btree (user_id, created_at DESC);


--
-- Name: orders_pending_due; Type: INDEX; Schema: orders; Owner: -
--

CREATE INDEX orders_pending_due ON orders.orders USING btree (next_attempt_at) WHERE (status = 'PENDING'::text);


--
-- Name: outbox_unpublished; Type: INDEX; Schema: orders; Owner: -
--

CREATE INDEX outbox_unpublished ON orders.outbox USING btree (seq) WHERE (published_at IS NULL);


--
-- Name: outbox_unsent_to_kafka; Type: INDEX; Schema: orders; Owner: -
--

CREATE INDEX outbox_unsent_to_kafka ON orders.outbox USING btree (seq) WHERE (kafka_sent_at IS NULL);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: payments; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON payments.flyway_schema_history USING btree (success);


--
-- Name: outbox_unpublished; Type: INDEX; Schema: payments; Owner: -
--

CREATE INDEX outbox_unpublished ON payments.outbox USING btree (seq) WHERE (published_at IS NULL);


--
-- Name: outbox_unsent_to_kafka; Type: INDEX; Schema: payments; Owner: -
--

CREATE INDEX outbox_unsent_to_kafka ON payments.outbox USING btree (seq) WHERE (kafka_sent_at IS NULL);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: users; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON users.flyway_schema_history USING btree (success);


--
-- Name: outbox_unpublished; Type: INDEX; Schema: users; Owner: -
--

CREATE INDEX outbox_unpublished ON users.outbox USING btree (seq) WHERE (published_at IS NULL);


--
-- Name: outbox_unsent_to_kafka; Type: INDEX; Schema: users; Owner: -
--

CREATE INDEX outbox_unsent_to_kafka ON users.outbox USING btree (seq) WHERE (kafka_sent_at IS NULL);


--
-- Name: reservation_lines reservation_lines_order_id_fkey; Type: FK CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.reservation_lines
    ADD CONSTRAINT reservation_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES inventory.reservations(order_id);


--
-- Name: reservation_lines reservation_lines_sku_fkey; Type: FK CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.reservation_lines
    ADD CONSTRAINT reservation_lines_sku_fkey FOREIGN KEY (sku) REFERENCES inventory.products(sku);


--
-- Name: restocks restocks_sku_fkey; Type: FK CONSTRAINT; Schema: inventory; Owner: -
--

ALTER TABLE ONLY inventory.restocks
    ADD CONSTRAINT restocks_sku_fkey FOREIGN KEY (sku) REFERENCES inventory.products(sku);


--
-- Name: order_lines order_lines_order_id_fkey; Type: FK CONSTRAINT; Schema: orders; Owner: -
--

ALTER TABLE ONLY orders.order_lines
    ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders.orders(id);


--
-- PostgreSQL database dump complete
--


