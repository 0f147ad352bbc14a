-- Monthly sufficient statistics of the indicators computed from encounters and procedures
-- (ADR 0013): numerator and denominator per hospital, definition, discharge department and month of
-- discharge, exactly the rows IndicatorResults' definitions yield. Pages and the API read these
-- instead of re-aggregating the raw rows. They are kept fresh inside the import transaction:
-- triggers on the clinical tables mark the department-months a statement touched (including the
-- earlier discharges whose 31-day readmission window a changed admission falls into), and the
-- import recomputes exactly the marked department-months before it commits. While any mark of a
-- hospital is outstanding (rows written outside an import), its results are computed from the raw
-- rows, so an answer is never stale.

create table indicator_month (
    hospital_id   uuid        not null references hospital (id),
    computation   varchar(40) not null,
    period        date        not null,
    department_id uuid        not null,
    numerator     numeric     not null,
    denominator   numeric     not null,
    primary key (hospital_id, computation, period, department_id)
);
create index indicator_month_department_idx on indicator_month (hospital_id, department_id, period);

-- department-months whose rows changed since their statistics were last computed; encounters: an
-- encounter changed (every statistic is recomputed), else only procedures (only theirs are)
create table indicator_month_dirty (
    hospital_id   uuid    not null,
    department_id uuid    not null,
    period        date    not null,
    encounters    boolean not null,
    primary key (hospital_id, department_id, period)
);

-- the definition each computation's statistics were computed with (a hash of its SQL): a changed
-- definition is recomputed at start-up
create table indicator_month_definition (
    computation varchar(40) primary key,
    sql_hash    varchar(64) not null
);

-- Encounters: the changed rows' own department-month (before and after the change), and the
-- department-months of the same patient's discharges in the 0-31 days before a changed admission
-- (the readmission's index discharges, data-formats.md).
create function indicator_month_mark_encounters() returns trigger language plpgsql as $$
declare
    changed text;
begin
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

create trigger clinical_encounter_insert_marks after insert on clinical_encounter
    referencing new table as new_rows for each statement execute function indicator_month_mark_encounters();
create trigger clinical_encounter_update_marks after update on clinical_encounter
    referencing old table as old_rows new table as new_rows for each statement
    execute function indicator_month_mark_encounters();
create trigger clinical_encounter_delete_marks after delete on clinical_encounter
    referencing old table as old_rows for each statement execute function indicator_month_mark_encounters();

-- Procedures: the department-month of their encounter.
create function indicator_month_mark_procedures() returns trigger language plpgsql as $$
declare
    changed text;
begin
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

create trigger clinical_procedure_insert_marks after insert on clinical_procedure
    referencing new table as new_rows for each statement execute function indicator_month_mark_procedures();
create trigger clinical_procedure_update_marks after update on clinical_procedure
    referencing old table as old_rows new table as new_rows for each statement
    execute function indicator_month_mark_procedures();
create trigger clinical_procedure_delete_marks after delete on clinical_procedure
    referencing old table as old_rows for each statement execute function indicator_month_mark_procedures();

-- The import checks every department code against the importing hospital's own departments (a
-- stronger check than these keys, which did not look at the hospital), and departments are voided,
-- never deleted. Checking the two keys again row by row was ~45% of storing a million discharges
-- (docs/benchmarks.md); the procedures' key to their encounter stays.
alter table clinical_encounter drop constraint clinical_encounter_admit_dept_id_fkey;
alter table clinical_encounter drop constraint clinical_encounter_discharge_dept_id_fkey;
