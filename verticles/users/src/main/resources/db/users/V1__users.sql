-- Accounts of the users domain. E-mail addresses are stored trimmed and lower-cased, so the
-- unique constraint makes registration case-insensitive.
CREATE TABLE users (
  id            uuid        PRIMARY KEY,
  email         text        NOT NULL,
  full_name     text        NOT NULL,
  password_hash text        NOT NULL,
  roles         text[]      NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_email_lower CHECK (email = lower(email)),
  CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['customer', 'admin']::text[] AND cardinality(roles) > 0)
);
