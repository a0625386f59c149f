-- The snapshot column becomes a summary written on every commit (levels, layers, configuration: what queries
-- read). The full state, with every reservation a position holds, is written now and then into recovery at
-- recovery_seq; loading replays the ledger entries after it. Rows written before keep a full snapshot and no
-- recovery, and load as before.
ALTER TABLE stock_positions ADD COLUMN IF NOT EXISTS recovery jsonb;
ALTER TABLE stock_positions ADD COLUMN IF NOT EXISTS recovery_seq bigint;
