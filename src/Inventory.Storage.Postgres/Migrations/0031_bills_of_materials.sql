-- 0031_bills_of_materials: what one unit of a finished product is made of. Components are a JSON array of
-- {sku, warehouse, quantityPerUnit}; a work order copies them when it is created, so a later change affects only
-- later work orders. Work orders themselves live in grain_state (state_name 'work-order').
create table bills_of_materials (
    sku        text primary key,
    components jsonb not null,
    version    bigint not null default 1,
    updated_by text not null,
    updated_at timestamptz not null
);

-- Lists work orders (grain state) by status and product without a scan of every grain's state.
create index grain_state_work_orders on grain_state ((data->>'status'), (data->'request'->>'sku'))
    where state_name = 'work-order';
