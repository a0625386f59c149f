-- 0051_reservation_records: every reservation record, wherever it is stored. A single line's record is stored in
-- reservations with its line. A cart's lines each store its record beside them in reservation_pending_lines, in the
-- same commit as the line; a cart whose every line has its row there is held, so it reads as active (it is answered
-- as such, and it is written to reservations by its next change). With a row missing it reads as pending: lines
-- still being held, or what a crash left between lines (recovery rolls it back). Read records here, not from the
-- two tables.
CREATE OR REPLACE VIEW reservation_records AS
SELECT id, status, lines, expires_at, created_at, updated_at, reference, created_by, shortages, version
FROM reservations
UNION ALL
SELECT DISTINCT ON (p.id) p.id,
    CASE WHEN count(*) OVER (PARTITION BY p.id) = jsonb_array_length(p.lines) THEN 'active' ELSE p.status END,
    p.lines, p.expires_at, p.created_at, p.updated_at, p.reference, p.created_by, p.shortages, 0::bigint
FROM reservation_pending_lines p
WHERE NOT EXISTS (SELECT 1 FROM reservations r WHERE r.id = p.id);
