-- 0021_transfers_and_approvals: transfer records (in transit, receipts, losses) and corrections waiting for approval.
-- Both are written with a version check by their grains; data holds the whole record (JSON), the other columns are
-- what listing and the recovery sweep filter on.
create table if not exists transfers (
    id             text primary key,
    status         text not null check (status in ('pending', 'in_transit', 'receiving', 'closing', 'completed', 'failed')),
    from_warehouse text not null,
    to_warehouse   text not null,
    sku            text not null,
    quantity       numeric not null,
    data           jsonb not null,
    version        bigint not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

-- The recovery sweep's question: which transfers have a step recorded that may not have run?
create index if not exists transfers_unfinished on transfers (status) where status in ('pending', 'receiving', 'closing');
create index if not exists transfers_from on transfers (from_warehouse, created_at desc);
create index if not exists transfers_to on transfers (to_warehouse, created_at desc);

create table if not exists approvals (
    id           text primary key,
    status       text not null check (status in ('pending', 'approving', 'approved', 'rejected')),
    warehouse    text not null,
    sku          text not null,
    requested_by text not null,
    value        numeric not null,
    data         jsonb not null,
    version      bigint not null,
    requested_at timestamptz not null,
    updated_at   timestamptz not null
);

create index if not exists approvals_open on approvals (status, requested_at) where status in ('pending', 'approving');
create index if not exists approvals_warehouse on approvals (warehouse, requested_at);

-- Transfers of the first version lived in grain_state (state 'transfer'): they moved stock in one call, so the
-- finished ones (completed = 2, failed = 3) are copied over as completed transfers received in full, or failed.
-- One still pending or shipped there (a crash mid-transfer before this upgrade) is left in grain_state: finish it
-- with the previous version first.
insert into transfers (id, status, from_warehouse, to_warehouse, sku, quantity, data, version, created_at, updated_at)
select g.key,
       case (g.data->>'status')::int when 2 then 'completed' else 'failed' end,
       g.data->'request'->>'from', g.data->'request'->>'to', g.data->'request'->>'sku',
       (g.data->'request'->>'quantity')::numeric,
       jsonb_build_object(
           'id', g.key,
           'request', (g.data->'request') || jsonb_build_object('autoReceive', true),
           'status', case (g.data->>'status')::int when 2 then 'completed' else 'failed' end,
           'createdBy', jsonb_build_object('user', g.data->>'createdBy', 'role', 'unknown'),
           'createdAt', g.data->'createdAt',
           'updatedAt', g.data->'updatedAt',
           'shipped', l.lines,
           'costOfGoods', g.data->'costOfGoods',
           'inTransit', '[]'::jsonb,
           'receipts', case (g.data->>'status')::int when 2 then jsonb_build_array(jsonb_build_object(
               'number', 1, 'lines', l.lines,
               'receivedBy', jsonb_build_object('user', g.data->>'createdBy', 'role', 'unknown'),
               'at', g.data->'updatedAt')) else '[]'::jsonb end,
           'failureCode', g.data->'failureCode',
           'failureMessage', g.data->'failureMessage'),
       1,
       (g.data->>'createdAt')::timestamptz,
       (g.data->>'updatedAt')::timestamptz
from grain_state g
cross join lateral (select case when (g.data->>'status')::int = 2 then jsonb_build_array(jsonb_build_object(
        'layerId', 0,
        'quantity', (g.data->'request'->>'quantity')::numeric,
        'unitCost', coalesce((g.data->>'costOfGoods')::numeric, 0) / nullif((g.data->'request'->>'quantity')::numeric, 0)))
    else '[]'::jsonb end as lines) l
where g.state_name = 'transfer' and (g.data->>'status')::int in (2, 3)
on conflict (id) do nothing;
