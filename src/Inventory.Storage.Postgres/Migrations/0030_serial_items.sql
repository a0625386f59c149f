-- 0030_serial_items: serial-numbered items (one row per SKU and serial, its current status) and their history
-- (every transition, append-only). The item row's sequence is the number of history rows and guards writers.
create table serial_items (
    sku           text not null,
    serial        text not null,
    warehouse     text not null,
    status        text not null check (status in ('available', 'reserved', 'sold', 'delivered')),
    -- reference (invoice, order ...) of the last transition
    reference     text,
    sequence      bigint not null check (sequence >= 1),
    -- the position reservation holding the unit while reserved (and the one committed at the sale)
    hold_id       text,
    cost_of_goods numeric,
    receipt_id    text not null,
    registered_at timestamptz not null,
    updated_at    timestamptz not null,
    primary key (sku, serial)
);

create index serial_items_warehouse_sku_status on serial_items (warehouse, sku, status);
create index serial_items_reference on serial_items (reference) where reference is not null;

create table serial_history (
    seq           bigint generated always as identity primary key,
    sku           text not null,
    serial        text not null,
    sequence      bigint not null,
    from_status   text,
    to_status     text not null,
    reason        text not null,
    reference     text,
    cost_of_goods numeric,
    user_name     text not null,
    user_role     text not null,
    at            timestamptz not null,
    unique (sku, serial, sequence)
);

create index serial_history_reference on serial_history (reference) where reference is not null;
create index serial_history_at on serial_history (at);

create function serial_history_reject_change() returns trigger
language plpgsql as $$
begin
    raise exception 'serial_history is append-only'
        using detail = format('%s on serial_history is not allowed.', tg_op);
end;
$$;

create trigger serial_history_append_only
    before update or delete on serial_history
    for each row execute function serial_history_reject_change();

create trigger serial_history_no_truncate
    before truncate on serial_history
    for each statement execute function serial_history_reject_change();
