-- Automated medical-record quality control (recordqc module): the hospital's settings of the rules the
-- engine judges (seeded from catalog/record-rules.yaml on first use, tuned without a release), the runs,
-- and the current judgement of every judged encounter: its defects and its score and grade.
-- Defects and grades are derived data: a run replaces those of the encounters it judged, so the table
-- always holds "the latest run over those encounters"; record_qc_run keeps the history of runs.

create table record_qc_rule (
    hospital_id    uuid         not null references hospital (id),
    rule_id        varchar(16)  not null,
    enabled        boolean      not null,
    deadline_hours integer      not null check (deadline_hours between 0 and 8760),
    deduction      numeric(5,1) not null check (deduction between 0 and 100),
    severity       varchar(16)  not null check (severity in ('VETO_GRADE_C', 'VETO_GRADE_B', 'DEDUCT')),
    version        integer      not null,
    created_by     varchar(100) not null,
    created_at     timestamptz  not null,
    changed_by     varchar(100) not null,
    changed_at     timestamptz  not null,
    primary key (hospital_id, rule_id)
);

create table record_qc_run (
    id          uuid         primary key,
    hospital_id uuid         not null references hospital (id),
    from_date   date         not null,
    to_date     date         not null,
    trigger     varchar(16)  not null check (trigger in ('MANUAL', 'IMPORT')),
    started_by  varchar(100) not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    encounters  integer      not null default 0,
    defects     integer      not null default 0,
    check (from_date <= to_date)
);
create index record_qc_run_hospital_idx on record_qc_run (hospital_id, started_at desc);

-- discharge_time, department_id: copies of the encounter's at judging time, so that listing a range
-- and counting by department need no join with the encounters
create table record_qc_defect (
    hospital_id    uuid         not null,
    run_id         uuid         not null references record_qc_run (id),
    encounter_id   varchar(64)  not null,
    rule_id        varchar(16)  not null,
    document_type  varchar(40)  not null,
    kind           varchar(8)   not null check (kind in ('MISSING', 'LATE')),
    due_time       timestamp    not null,
    written_time   timestamp,
    discharge_time timestamp    not null,
    department_id  uuid         not null,
    author_id      varchar(32),
    deduction      numeric(5,1) not null,
    severity       varchar(16)  not null
);
create index record_qc_defect_discharge_idx on record_qc_defect (hospital_id, discharge_time);
create index record_qc_defect_encounter_idx on record_qc_defect (hospital_id, encounter_id);

create table record_qc_grade (
    hospital_id    uuid         not null,
    encounter_id   varchar(64)  not null,
    run_id         uuid         not null references record_qc_run (id),
    discharge_time timestamp    not null,
    department_id  uuid         not null,
    score          numeric(5,1) not null,
    grade          char(1)      not null check (grade in ('A', 'B', 'C')),
    primary key (hospital_id, encounter_id)
);
create index record_qc_grade_discharge_idx on record_qc_grade (hospital_id, discharge_time);
