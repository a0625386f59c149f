-- Reservation records are written with a version check, and keep the shortages of a refused request so a
-- repeat with the same id returns the same refusal.
ALTER TABLE reservations ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT 1;
ALTER TABLE reservations ADD COLUMN IF NOT EXISTS shortages jsonb;
