-- Clinical data imported from the hospital's HIS/EMR (shared data-formats.md): discharges with their
-- front-page summary, procedures and operations, medical-record documents; and the import runs that
-- brought them in. Times are the hospital's local time, hence timestamp without time zone.

create table clinical_encounter (
    hospital_id           uuid           not null references hospital (id),
    encounter_id          varchar(64)    not null,
    patient_id            varchar(64)    not null,
    sex                   smallint       not null,
    birth_date            date           not null,
    admit_time            timestamp      not null,
    admit_dept_id         uuid           not null references department (id),
    discharge_time        timestamp      not null,
    discharge_dept_id     uuid           not null references department (id),
    admission_route       smallint       not null,
    principal_dx          varchar(32)    not null,
    other_dx              varchar(32)[]  not null default '{}',
    discharge_disposition smallint       not null,
    readmission_plan_31d  smallint       not null,
    total_cost            numeric(14, 2),
    import_run_id         uuid           not null,
    primary key (hospital_id, encounter_id),
    constraint clinical_encounter_sex_check check (sex in (0, 1, 2, 9)),
    constraint clinical_encounter_route_check check (admission_route in (1, 2, 3, 9)),
    constraint clinical_encounter_disposition_check check (discharge_disposition in (1, 2, 3, 4, 5, 9)),
    constraint clinical_encounter_readmission_check check (readmission_plan_31d in (1, 2)),
    constraint clinical_encounter_stay_check check (discharge_time >= admit_time),
    constraint clinical_encounter_cost_check check (total_cost is null or total_cost >= 0)
);
create index clinical_encounter_discharge_idx on clinical_encounter (hospital_id, discharge_time);
create index clinical_encounter_patient_idx on clinical_encounter (hospital_id, patient_id, admit_time);

create table clinical_procedure (
    hospital_id      uuid        not null,
    encounter_id     varchar(64) not null,
    seq              integer     not null,
    code             varchar(32) not null,
    op_time          timestamp   not null,
    surgery_level    smallint    not null,
    incision_class   varchar(3),
    healing_grade    char(1),
    unplanned_return boolean     not null default false,
    import_run_id    uuid        not null,
    primary key (hospital_id, encounter_id, seq),
    foreign key (hospital_id, encounter_id) references clinical_encounter (hospital_id, encounter_id),
    constraint clinical_procedure_seq_check check (seq >= 1),
    constraint clinical_procedure_level_check check (surgery_level between 0 and 4),
    constraint clinical_procedure_incision_check check (incision_class in ('0', 'I', 'II', 'III')),
    constraint clinical_procedure_healing_check check (healing_grade in ('A', 'B', 'C', 'X'))
);

create table record_document (
    hospital_id   uuid        not null,
    encounter_id  varchar(64) not null,
    doc_id        varchar(64) not null,
    doc_type      varchar(40) not null,
    event_time    timestamp,
    written_time  timestamp   not null,
    author_id     varchar(32),
    author_title  varchar(20),
    import_run_id uuid        not null,
    primary key (hospital_id, encounter_id, doc_id),
    foreign key (hospital_id, encounter_id) references clinical_encounter (hospital_id, encounter_id)
);
create index record_document_type_idx on record_document (hospital_id, encounter_id, doc_type);

-- One upload of one file. FAILED: the file could not be read at all and nothing was imported.
create table import_run (
    id          uuid         primary key,
    hospital_id uuid         not null references hospital (id),
    kind        varchar(32)  not null,
    file_name   varchar(300),
    dry_run     boolean      not null,
    status      varchar(16)  not null,
    accepted    integer      not null default 0,
    rejected    integer      not null default 0,
    warnings    json         not null default '[]',
    started_by  varchar(100) not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    constraint import_run_kind_check check (kind in ('ENCOUNTERS', 'PROCEDURES', 'RECORD_DOCUMENTS')),
    constraint import_run_status_check check (status in ('SUCCEEDED', 'FAILED'))
);
create index import_run_hospital_idx on import_run (hospital_id, started_at desc);

-- Rejected rows (at most a fixed number per run; import_run.rejected counts them all). message is
-- written in the importer's language; message_key and message_args render it in any other.
create table import_error (
    run_id       uuid         not null references import_run (id),
    line         bigint,
    column_name  varchar(64),
    message      varchar(500) not null,
    message_key  varchar(100) not null,
    message_args text[]       not null default '{}'
);
create index import_error_run_idx on import_error (run_id, line);
