-- A submission with an Idempotency-Key claims the key first (insert … on conflict do nothing) and
-- stores its report after: the key's reference to the report is checked at commit.
do $$
declare
    fk name;
begin
    select c.conname into fk from pg_constraint c
    where c.conrelid = 'incident_idempotency'::regclass and c.contype = 'f'
      and c.confrelid = 'incident'::regclass;
    execute format('alter table incident_idempotency alter constraint %I deferrable initially deferred', fk);
end $$;
