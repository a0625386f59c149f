-- 0020_stock_operations_ledger: the ledger columns of lots, stock states, orders and approvals.
-- Every column is nullable or defaults to what rows written before meant (available stock, nothing in quality
-- control, damaged or on order), so existing rows fold exactly as before.
alter table stock_ledger add column if not exists from_status text;       -- status a status change, write-off or count took stock from (null: available)
alter table stock_ledger add column if not exists to_status text;         -- status an inflow or status change put stock in (null: available)
alter table stock_ledger add column if not exists manufactured_on date;
alter table stock_ledger add column if not exists supplier text;
alter table stock_ledger add column if not exists purchase_order text;
-- who approved a correction above the approval limit; user_name/user_role remain who asked for it
alter table stock_ledger add column if not exists approved_by text;
alter table stock_ledger add column if not exists approved_role text;
-- levels after the entry, beside on_hand_after and reserved_after
alter table stock_ledger add column if not exists quality_after numeric not null default 0;
alter table stock_ledger add column if not exists damaged_after numeric not null default 0;
alter table stock_ledger add column if not exists incoming_after numeric not null default 0;

alter table stock_ledger add constraint stock_ledger_statuses_known check (
    (from_status is null or from_status in ('available', 'quality_control', 'damaged'))
    and (to_status is null or to_status in ('available', 'quality_control', 'damaged')));

-- Traceability: every movement of a lot, and every correction someone approved.
create index if not exists stock_ledger_lot on stock_ledger (sku, lot) where lot is not null;
create index if not exists stock_ledger_approved on stock_ledger (approved_by) where approved_by is not null;
