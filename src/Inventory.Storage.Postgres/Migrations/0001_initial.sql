-- 0001_initial: catalog, stock positions with their append-only ledger, reservations, idempotency keys,
-- alerts, and the runtime's grain state and event checkpoints.
-- Quantities and money are NUMERIC (exact); keys are text.

create table products (
    sku            text primary key,
    name           text not null,
    type           text not null check (type in ('RAW', 'SEMI', 'FINISHED')),
    base_unit      text not null,
    costing_method text not null check (costing_method in ('FIFO', 'LIFO', 'AVERAGE')),
    lead_time_days int not null default 0 check (lead_time_days >= 0),
    -- unit conversions and free-form metadata
    data           jsonb not null default '{}',
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

create table warehouses (
    code        text primary key,
    name        text not null,
    type        text not null check (type in ('warehouse', 'showroom', 'supplier', 'transit')),
    can_ship    boolean not null default true,
    can_receive boolean not null default true,
    is_default  boolean not null default false,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- At most one default warehouse.
create unique index warehouses_one_default on warehouses (is_default) where is_default;

-- Snapshot of one stock position (one SKU in one warehouse); always equals the fold of its ledger.
create table stock_positions (
    warehouse   text not null,
    sku         text not null,
    -- position_seq of the last ledger entry folded into this snapshot; guards concurrent writers
    version     bigint not null,
    on_hand     numeric not null,
    reserved    numeric not null,
    snapshot    jsonb not null,
    next_expiry timestamptz,
    updated_at  timestamptz not null default now(),
    primary key (warehouse, sku)
);

-- Finds the positions with a reservation or lot due to expire (durable reminders).
create index stock_positions_next_expiry on stock_positions (next_expiry) where next_expiry is not null;

create table stock_ledger (
    seq            bigint generated always as identity primary key,
    warehouse      text not null,
    sku            text not null,
    -- 1, 2, 3 ... within the position; the snapshot's version is the last one
    position_seq   bigint not null,
    type           text not null,
    quantity       numeric not null,
    unit_cost      numeric,
    total_cost     numeric not null default 0,
    on_hand_after  numeric not null,
    reserved_after numeric not null,
    reservation_id text,
    expires_at     timestamptz,
    reference      text,
    reason         text,
    lot            text,
    lot_expires_on date,
    -- cost layers (and lots) an issue drew from
    draws          jsonb,
    request_id     text,
    user_name      text not null,
    user_role      text not null,
    at             timestamptz not null,
    recorded_at    timestamptz not null default now(),
    unique (warehouse, sku, position_seq)
);

create index stock_ledger_position_at on stock_ledger (warehouse, sku, at);
create index stock_ledger_at on stock_ledger (at);
create index stock_ledger_reservation on stock_ledger (reservation_id) where reservation_id is not null;

-- The ledger is the record: a mistake is corrected by a compensating entry, never by editing history.
create function stock_ledger_reject_change() returns trigger
language plpgsql as $$
begin
    raise exception 'stock_ledger is append-only'
        using detail = format('%s on stock_ledger is not allowed.', tg_op),
              hint = 'Append a compensating entry instead.';
end;
$$;

create trigger stock_ledger_append_only
    before update or delete on stock_ledger
    for each row execute function stock_ledger_reject_change();

create trigger stock_ledger_no_truncate
    before truncate on stock_ledger
    for each statement execute function stock_ledger_reject_change();

create table reservations (
    id         text primary key,
    status     text not null,
    reference  text,
    expires_at timestamptz not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    created_by text,
    lines      jsonb not null
);

create index reservations_status_expires_at on reservations (status, expires_at);

-- The stored answer to a request made with an Idempotency-Key, replayed on a retry.
create table idempotency_keys (
    scope         text not null,
    key           text not null,
    request_hash  text not null,
    status_code   int not null,
    response_body text not null,
    content_type  text,
    created_at    timestamptz not null default now(),
    primary key (scope, key)
);

create table alerts (
    id              bigint generated always as identity primary key,
    warehouse       text,
    sku             text,
    kind            text not null,
    severity        text not null,
    status          text not null,
    message         text not null,
    data            jsonb not null default '{}',
    raised_at       timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by text,
    note            text,
    resolved_at     timestamptz
);

create index alerts_status on alerts (status);
create index alerts_position_kind on alerts (warehouse, sku, kind);

-- State of the runtime's grains, written with a version check.
create table grain_state (
    state_name text not null,
    key        text not null,
    version    bigint not null,
    data       jsonb not null,
    updated_at timestamptz not null default now(),
    primary key (state_name, key)
);

-- How far each event consumer has read the ledger (by stock_ledger.seq).
create table event_checkpoints (
    consumer   text primary key,
    seq        bigint not null,
    updated_at timestamptz not null default now()
);
