-- Every change of a live setting made through the admin endpoint, oldest first: who made it, when, and the
-- value it set. A node starting applies the newest value of each key (over its files and environment).
CREATE TABLE live_settings (
  seq bigserial PRIMARY KEY,
  key text NOT NULL,
  value jsonb NOT NULL,
  changed_by text NOT NULL,
  source text NOT NULL,
  changed_at timestamptz NOT NULL
);

CREATE INDEX live_settings_newest ON live_settings (key, seq DESC);
