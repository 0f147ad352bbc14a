-- Audit entries are no longer chained while their transaction runs (that held one lock per change
-- until its commit reached disk, ADR 0004). An entry is written with its number (seq, from a
-- sequence) and no chain fields; the sealer chains committed entries afterwards: it gives each the
-- next chain position (chain_seq), the previous link's hash and its own hash, once.
alter table audit_entry disable trigger audit_entry_no_update_or_delete;

alter table audit_entry add column chain_seq bigint;
alter table audit_entry add column recorded_at timestamptz;
alter table audit_entry add column sealed_at timestamptz;
-- before this migration the number and the chain position were one and the same
update audit_entry set chain_seq = seq, recorded_at = occurred_at, sealed_at = occurred_at;

alter table audit_entry enable trigger audit_entry_no_update_or_delete;

alter table audit_entry alter column recorded_at set default now();
alter table audit_entry alter column recorded_at set not null;
alter table audit_entry alter column prev_hash drop not null;
alter table audit_entry alter column hash drop not null;
alter table audit_entry add constraint audit_entry_chain_seq_key unique (chain_seq);
alter table audit_entry add constraint audit_entry_sealed_check check (
    (chain_seq is null and prev_hash is null and hash is null and sealed_at is null)
    or (chain_seq is not null and prev_hash is not null and hash is not null and sealed_at is not null));

create sequence audit_entry_seq_seq owned by audit_entry.seq;
select setval('audit_entry_seq_seq', coalesce((select max(seq) from audit_entry), 0) + 1, false);
alter table audit_entry alter column seq set default nextval('audit_entry_seq_seq');

-- what the sealer looks for; stays small (entries wait for their seal for about a second)
create index audit_entry_unsealed_idx on audit_entry (seq) where chain_seq is null;

-- Still append-only. The single exception: the sealer (which says so for its transaction) sets the
-- chain fields of an unsealed entry, once, and changes nothing else.
create or replace function audit_entry_immutable() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and tg_table_name = 'audit_entry' then
        if current_setting('careqms.audit_sealer', true) = 'on'
            and old.chain_seq is null and old.prev_hash is null and old.hash is null and old.sealed_at is null
            and new.chain_seq is not null and new.prev_hash is not null and new.hash is not null
            and new.sealed_at is not null then
            if (new.seq, new.hospital_id, new.occurred_at, new.actor, new.actor_user_id, new.client_address,
                new.user_agent, new.action, new.entity_type, new.entity_id, new.summary, new.before_state::text,
                new.after_state::text, new.recorded_at)
               is not distinct from
               (old.seq, old.hospital_id, old.occurred_at, old.actor, old.actor_user_id, old.client_address,
                old.user_agent, old.action, old.entity_type, old.entity_id, old.summary, old.before_state::text,
                old.after_state::text, old.recorded_at) then
                return new;
            end if;
        end if;
    end if;
    raise exception '% is append-only (% refused)', tg_table_name, tg_op;
end;
$$;

-- The head now moves forward by a whole sealed batch at a time, and only onto an entry that is
-- sealed at exactly that position with exactly that hash.
create or replace function audit_chain_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'audit_chain_head is never deleted';
    end if;
    if new.seq <= old.seq then
        raise exception 'audit_chain_head moves forward only (% to % refused)', old.seq, new.seq;
    end if;
    if not exists (select 1 from audit_entry where chain_seq = new.seq and hash = new.hash) then
        raise exception 'audit_chain_head must point at the sealed entry % with its hash', new.seq;
    end if;
    return new;
end;
$$;

-- Report numbers: one PostgreSQL sequence per hospital and year instead of a counter row locked
-- until commit (that serialised every report of a hospital). nextval never waits for another
-- transaction; a number taken by a report that rolls back is not reused (documented gap).
do $$
declare
    c record;
begin
    for c in select hospital_id, year, last_number from incident_reference_counter loop
        execute format('create sequence %I start with %s',
            'incident_ref_' || replace(c.hospital_id::text, '-', '') || '_' || c.year, c.last_number + 1);
    end loop;
end;
$$;

drop table incident_reference_counter;
