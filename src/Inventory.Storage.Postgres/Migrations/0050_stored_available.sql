-- 0050_stored_available: each commit stores the position's available stock as the domain works it out (on hand -
-- reserved - quality control - damaged - expired lots - safety stock, clamped unless negative stock is allowed), so
-- queries read it instead of computing it again over the snapshot's JSON. available_until is the first day on which
-- a lot's expiry changes it by the calendar alone; from then on (and for rows written before this migration, where
-- both are null) readers work it out from the snapshot with the same domain code.
ALTER TABLE stock_positions ADD COLUMN IF NOT EXISTS available numeric;
ALTER TABLE stock_positions ADD COLUMN IF NOT EXISTS available_until date;
