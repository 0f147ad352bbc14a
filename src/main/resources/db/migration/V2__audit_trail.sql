-- Tamper-evident change history. Each entry's hash covers its content and the previous entry's
-- hash; a verification run recomputes the chain. Rows are never updated or deleted (trigger).
create table audit_entry (
    seq            bigint primary key,
    hospital_id    uuid,
    occurred_at    timestamptz  not null,
    actor          varchar(100) not null,
    actor_user_id  uuid,
    client_address varchar(64),
    user_agent     varchar(300),
    action         varchar(32)  not null,
    entity_type    varchar(64)  not null,
    entity_id      varchar(64)  not null,
    summary        varchar(300),
    before_state   json,
    after_state    json,
    prev_hash      char(64)     not null,
    hash           char(64)     not null
);
create index audit_entry_entity_idx on audit_entry (entity_type, entity_id);
create index audit_entry_hospital_time_idx on audit_entry (hospital_id, occurred_at);

-- The newest link, kept beside the chain, so that cutting entries off the end is detected too.
create table audit_chain_head (
    id   smallint primary key check (id = 1),
    seq  bigint   not null,
    hash char(64) not null
);

create function audit_entry_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only (% refused)', tg_op;
end;
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_immutable();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_immutable();

create table audit_verification_run (
    id          uuid primary key,
    ran_at      timestamptz  not null,
    ran_by      varchar(100) not null,
    entries     bigint       not null,
    intact      boolean      not null,
    problems    json         not null
);
