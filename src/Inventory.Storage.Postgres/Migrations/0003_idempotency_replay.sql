-- 0003_idempotency_replay: a replayed response also repeats its Location header; old keys are purged by age.
-- status_code 0 marks a request still being processed (its duplicates wait for it).
alter table idempotency_keys add column if not exists location text;
alter table idempotency_keys add column if not exists completed_at timestamptz;
create index if not exists idempotency_keys_created_at on idempotency_keys (created_at);
-- Stock listing filters by SKU prefix across warehouses.
create index if not exists stock_positions_sku on stock_positions (sku text_pattern_ops);
