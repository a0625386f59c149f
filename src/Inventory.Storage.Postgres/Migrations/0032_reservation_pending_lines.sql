-- A multi-line reservation while its lines are being held: each position stores the (pending) record beside the
-- line it holds, in the same commit, keyed by the line, so positions committing concurrently never wait for each
-- other on one row. Writing the reservation's record (active, or failed) removes its rows here; what is left after
-- a crash is a reservation in flight, which recovery rolls forward or back.
CREATE TABLE IF NOT EXISTS reservation_pending_lines (
    warehouse  text NOT NULL,
    sku        text NOT NULL,
    id         text NOT NULL,
    status     text NOT NULL,
    lines      jsonb NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    reference  text,
    created_by text,
    shortages  jsonb,
    PRIMARY KEY (id, warehouse, sku)
);
