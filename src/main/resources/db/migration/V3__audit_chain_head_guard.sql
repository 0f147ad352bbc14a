-- The chain head only ever moves forward one link at a time and is never removed: deleting it would
-- stop every audited write, and moving it back would hide entries cut off the end of the chain.
create function audit_chain_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'audit_chain_head is never deleted';
    end if;
    if new.seq <> old.seq + 1 then
        raise exception 'audit_chain_head moves forward one entry at a time (% to % refused)', old.seq, new.seq;
    end if;
    return new;
end;
$$;

create trigger audit_chain_head_guard
    before update or delete on audit_chain_head
    for each row execute function audit_chain_head_forward_only();

create trigger audit_chain_head_no_truncate
    before truncate on audit_chain_head
    for each statement execute function audit_entry_immutable();
