-- The order in which inbound events were recorded as handled. handled_at cannot tell it within a batch of
-- restocks, which one statement records at one now().
ALTER TABLE processed_inbound ADD COLUMN handled_seq bigint GENERATED ALWAYS AS IDENTITY;
