-- The clinical data import marks the department-months it changes itself, set-based from its staging
-- table and the stored rows before it writes them (ADR 0013, amendment of 2026-11-26), and switches
-- the marking triggers of V20 off for its own writes with the transaction-local setting
-- careqms.import = on. Every other writer (a hand-made fix, a test, any statement without that setting)
-- is marked by the triggers exactly as before.

create or replace function indicator_month_mark_encounters() returns trigger language plpgsql as $$
declare
    changed text;
begin
    if current_setting('careqms.import', true) = 'on' then
        return null;
    end if;
    changed := case tg_op
        when 'INSERT' then 'select hospital_id, patient_id, admit_time, discharge_time, discharge_dept_id from new_rows'
        when 'DELETE' then 'select hospital_id, patient_id, admit_time, discharge_time, discharge_dept_id from old_rows'
        else 'select hospital_id, patient_id, admit_time, discharge_time, discharge_dept_id from new_rows
              union all select hospital_id, patient_id, admit_time, discharge_time, discharge_dept_id from old_rows'
    end;
    execute format($sql$
        insert into indicator_month_dirty (hospital_id, department_id, period, encounters)
        select distinct hospital_id, department_id, period, true from (
            select c.hospital_id, c.discharge_dept_id as department_id,
                   date_trunc('month', c.discharge_time)::date as period
            from (%1$s) c
            union all
            select i.hospital_id, i.discharge_dept_id, date_trunc('month', i.discharge_time)::date
            from (%1$s) c
            join clinical_encounter i on i.hospital_id = c.hospital_id and i.patient_id = c.patient_id
             and i.discharge_time < c.admit_time and i.discharge_time >= c.admit_time::date - 31
        ) m
        on conflict (hospital_id, department_id, period) do update set encounters = true
        where not indicator_month_dirty.encounters$sql$, changed);
    return null;
end $$;

create or replace function indicator_month_mark_procedures() returns trigger language plpgsql as $$
declare
    changed text;
begin
    if current_setting('careqms.import', true) = 'on' then
        return null;
    end if;
    changed := case tg_op
        when 'INSERT' then 'select hospital_id, encounter_id from new_rows'
        when 'DELETE' then 'select hospital_id, encounter_id from old_rows'
        else 'select hospital_id, encounter_id from new_rows union all select hospital_id, encounter_id from old_rows'
    end;
    execute format($sql$
        insert into indicator_month_dirty (hospital_id, department_id, period, encounters)
        select distinct e.hospital_id, e.discharge_dept_id, date_trunc('month', e.discharge_time)::date, false
        from (select distinct hospital_id, encounter_id from (%1$s) p) p
        join clinical_encounter e on e.hospital_id = p.hospital_id and e.encounter_id = p.encounter_id
        on conflict do nothing$sql$, changed);
    return null;
end $$;

-- The encounters' key to hospital was checked row by row (a lock of the one hospital row per stored
-- discharge, ~35% of inserting them, docs/benchmarks.md). Every writer of clinical_encounter writes the
-- hospital of the signed-in user (the import, the FHIR import) and hospitals are never deleted: the key
-- guarded nothing the application does not already.
alter table clinical_encounter drop constraint clinical_encounter_hospital_id_fkey;

-- The procedures' and documents' keys to their encounter, checked row by row (a look-up and a lock of
-- the encounter row per stored row: inserting 493,118 procedures took 1.2 s without and 3.9 s with the
-- key, docs/benchmarks.md). Their only writer is the import, which rejects rows whose encounter does not
-- exist in SQL before it stores them, under the hospital's import lock; encounters are never deleted.
alter table clinical_procedure drop constraint clinical_procedure_hospital_id_encounter_id_fkey;
-- (the documents' key is gone already where V24 dropped it for documents of running stays)
alter table record_document drop constraint if exists record_document_hospital_id_encounter_id_fkey;
