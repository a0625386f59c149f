-- 0010_alert_lifecycle: alerts raised by the alert grains from ledger events.
-- raised_seq / resolved_seq: the ledger sequence of the level change that raised / resolved the alert, so a
-- replay of events after a restart is recognised and changes nothing.
alter table alerts add column if not exists raised_seq bigint;
alter table alerts add column if not exists resolved_seq bigint;
alter table alerts add constraint alerts_status_known check (status in ('open', 'acknowledged', 'resolved'));
-- At most one active (not resolved) alert per position and kind: raising twice is a no-op.
create unique index if not exists alerts_one_active on alerts (warehouse, sku, kind) where status <> 'resolved';
create index if not exists alerts_raised_at on alerts (raised_at desc);
