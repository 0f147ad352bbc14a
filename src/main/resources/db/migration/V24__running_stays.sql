-- Running records (运行病历, ADR 0015): patients still in hospital. A CareQMS extension, not part of the
-- shared import contract: encounters.csv and clinical_encounter stay discharges only (the indicators count
-- discharges). Running stays come from a census file (inpatients.csv, a snapshot that replaces the
-- hospital's running set) and from FHIR Encounters in progress; a stay stops running when the census no
-- longer lists it (ended_reason CENSUS) or when its discharge is imported (DISCHARGED).

create table running_stay (
    hospital_id      uuid          not null references hospital (id),
    encounter_id     varchar(64)   not null,
    patient_id       varchar(64)   not null,
    sex              smallint      not null,
    birth_date       date          not null,
    admit_time       timestamp     not null,
    admit_dept_id    uuid          not null references department (id),
    current_dept_id  uuid          not null references department (id),
    -- when the patient came to the current department (a transfer); null: not transferred, or not known
    transferred_at   timestamp,
    -- staff number (employee_no) of the attending doctor, as record-documents.csv's author_id
    attending_id     varchar(32),
    condition_level  varchar(16),
    admission_route  smallint      not null,
    principal_dx     varchar(32)   not null,
    other_dx         varchar(32)[] not null default '{}',
    source           varchar(8)    not null,
    import_run_id    uuid          not null,
    seen_run_id      uuid          not null,
    ended_at         timestamptz,
    ended_reason     varchar(16),
    primary key (hospital_id, encounter_id),
    constraint running_stay_sex_check check (sex in (0, 1, 2, 9)),
    constraint running_stay_route_check check (admission_route in (1, 2, 3, 9)),
    constraint running_stay_source_check check (source in ('CENSUS', 'FHIR')),
    constraint running_stay_condition_check check (condition_level in ('CRITICAL', 'SERIOUS', 'STABLE')),
    constraint running_stay_transfer_check check (transferred_at is null or transferred_at >= admit_time),
    constraint running_stay_end_check check ((ended_at is null) = (ended_reason is null)
        and (ended_reason is null or ended_reason in ('CENSUS', 'DISCHARGED')))
);
create index running_stay_open_idx on running_stay (hospital_id, current_dept_id) where ended_at is null;

-- record documents are written while the patient is in hospital: their encounter is a discharge or a
-- running stay (checked by the import), so the foreign key to the discharges goes
alter table record_document drop constraint record_document_hospital_id_encounter_id_fkey;

alter table import_run drop constraint import_run_kind_check;
alter table import_run add constraint import_run_kind_check
    check (kind in ('ENCOUNTERS', 'PROCEDURES', 'RECORD_DOCUMENTS', 'FHIR', 'INPATIENTS'));

-- The record-QC judgement of the running stays (recordqc): every document a rule requires that is not
-- written in time, as of the last judging (after each import and on demand). Derived data, replaced by
-- every judging of the hospital. written_time null: not written yet (due soon or overdue depending on
-- the time of reading); written after due_time: written late. Never a grade: the archived judging after
-- discharge decides.
create table record_qc_running_item (
    id              uuid         not null,
    hospital_id     uuid         not null references hospital (id),
    encounter_id    varchar(64)  not null,
    rule_id         varchar(16)  not null,
    document_type   varchar(40)  not null,
    event_time      timestamp,
    due_time        timestamp    not null,
    written_time    timestamp,
    department_id   uuid         not null,
    doctor_id       varchar(32),
    judged_at       timestamptz  not null,
    primary key (hospital_id, id)
);
create index record_qc_running_item_due_idx on record_qc_running_item (hospital_id, due_time);
create index record_qc_running_item_department_idx on record_qc_running_item (hospital_id, department_id);
