-- Audits and inspections (质量检查/督查): plans on an annual and monthly calendar, inspections of one
-- department against one published checklist version, answers entered item by item, evidence photos,
-- the score at submission, a finding per failed item, and reproducible record samples (抽查).
-- Checklist templates belong to the standards module: referenced here by id, with the code and
-- name copied so that a plan or report reads the same after the template moves on.

create table audit_plan (
    id                  uuid primary key,
    hospital_id         uuid          not null references hospital (id),
    title               varchar(200)  not null,
    audit_type          varchar(20)   not null check (audit_type in ('ROUTINE', 'THEMATIC', 'UNANNOUNCED', 'NIGHT',
                            'HOLIDAY', 'CROSS_DEPARTMENT', 'SELF_INSPECTION', 'THIRD_PARTY')),
    template_id         bigint        not null,
    template_version_id bigint        not null,
    template_code       varchar(64)   not null,
    template_name       varchar(200)  not null,
    -- ONCE: one date; MONTHLY: the given day of every month from first_month to last_month
    schedule            varchar(10)   not null check (schedule in ('ONCE', 'MONTHLY')),
    planned_on          date,
    first_month         date,
    last_month          date,
    day_of_month        smallint check (day_of_month between 1 and 28),
    notes               varchar(2000),
    voided              boolean       not null default false,
    voided_by           varchar(100),
    voided_at           timestamptz,
    void_reason         varchar(500),
    version             integer       not null,
    created_by          varchar(100)  not null,
    created_at          timestamptz   not null,
    changed_by          varchar(100)  not null,
    changed_at          timestamptz   not null,
    constraint audit_plan_schedule_dates_check check (
        (schedule = 'ONCE' and planned_on is not null)
        or (schedule = 'MONTHLY' and first_month is not null and last_month is not null and day_of_month is not null
            and last_month >= first_month))
);
create index audit_plan_hospital_idx on audit_plan (hospital_id, created_at);

create table audit_plan_department (
    plan_id       uuid not null references audit_plan (id),
    department_id uuid not null references department (id),
    primary key (plan_id, department_id)
);

create table audit_plan_auditor (
    plan_id uuid not null references audit_plan (id),
    user_id uuid not null references app_user (id),
    primary key (plan_id, user_id)
);

create table inspection (
    id                  uuid primary key,
    hospital_id         uuid          not null references hospital (id),
    reference           varchar(20)   not null,
    plan_id             uuid references audit_plan (id),
    audit_type          varchar(20)   not null check (audit_type in ('ROUTINE', 'THEMATIC', 'UNANNOUNCED', 'NIGHT',
                            'HOLIDAY', 'CROSS_DEPARTMENT', 'SELF_INSPECTION', 'THIRD_PARTY')),
    department_id       uuid          not null references department (id),
    template_id         bigint        not null,
    template_version_id bigint        not null,
    template_code       varchar(64)   not null,
    template_name       varchar(200)  not null,
    planned_on          date          not null,
    status              varchar(20)   not null check (status in ('PLANNED', 'IN_PROGRESS', 'SUBMITTED', 'VOIDED')),
    started_by          varchar(100),
    started_at          timestamptz,
    submitted_by        varchar(100),
    submitted_at        timestamptz,
    earned              numeric(10, 2),
    possible            numeric(10, 2),
    score_percent       numeric(6, 2),
    vetoed              boolean,
    -- a correction of a submitted inspection is a new inspection that names the one it amends
    amends_id           uuid references inspection (id),
    amendment_reason    varchar(1000),
    sample_seed         varchar(64),
    sample_unit         varchar(10) check (sample_unit in ('ENCOUNTER', 'PATIENT')),
    sample_from         date,
    sample_to           date,
    sample_size         integer,
    sampled_by          varchar(100),
    sampled_at          timestamptz,
    void_reason         varchar(500),
    voided_by           varchar(100),
    voided_at           timestamptz,
    version             integer       not null,
    created_by          varchar(100)  not null,
    created_at          timestamptz   not null,
    changed_by          varchar(100)  not null,
    changed_at          timestamptz   not null,
    constraint inspection_reference_unique unique (hospital_id, reference)
);
create index inspection_calendar_idx on inspection (hospital_id, planned_on);
create index inspection_department_idx on inspection (hospital_id, department_id, submitted_at);
create index inspection_plan_idx on inspection (plan_id);

create table inspection_auditor (
    inspection_id uuid not null references inspection (id),
    user_id       uuid not null references app_user (id),
    primary key (inspection_id, user_id)
);
create index inspection_auditor_user_idx on inspection_auditor (user_id);

create table inspection_answer (
    inspection_id uuid          not null references inspection (id),
    hospital_id   uuid          not null references hospital (id),
    item_id       bigint        not null,
    outcome       varchar(10)   not null check (outcome in ('PASS', 'FAIL', 'POINTS', 'NA')),
    earned        numeric(10, 2),
    note          varchar(2000),
    answered_by   varchar(100)  not null,
    answered_at   timestamptz   not null,
    primary key (inspection_id, item_id)
);

-- evidence photos live in the database: app nodes stay stateless, backups hold them, and no file
-- name from a phone ever reaches a file system path
create table inspection_photo (
    id            uuid primary key,
    hospital_id   uuid          not null references hospital (id),
    inspection_id uuid          not null references inspection (id),
    item_id       bigint        not null,
    content_type  varchar(20)   not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes    integer       not null,
    sha256        char(64)      not null,
    content       bytea         not null,
    uploaded_by   varchar(100)  not null,
    uploaded_at   timestamptz   not null
);
create index inspection_photo_inspection_idx on inspection_photo (inspection_id, item_id);

create table inspection_finding (
    id            uuid primary key,
    hospital_id   uuid          not null references hospital (id),
    inspection_id uuid          not null references inspection (id),
    department_id uuid          not null references department (id),
    item_id       bigint        not null,
    item_code     varchar(64)   not null,
    item_text     varchar(2000) not null,
    section_title varchar(200),
    critical      boolean       not null,
    note          varchar(2000),
    raised_at     timestamptz   not null,
    constraint inspection_finding_item_unique unique (inspection_id, item_id)
);
create index inspection_finding_department_idx on inspection_finding (hospital_id, department_id, raised_at);

-- the records drawn for an inspection (抽查), in drawing order; the seed is on the inspection
create table inspection_sample (
    inspection_id  uuid          not null references inspection (id),
    hospital_id    uuid          not null references hospital (id),
    position       integer       not null,
    encounter_id   varchar(64)   not null,
    patient_id     varchar(64)   not null,
    department_id  uuid          not null references department (id),
    admit_time     timestamp     not null,
    discharge_time timestamp     not null,
    primary key (inspection_id, position)
);

-- A submitted inspection is a record: its answers, photos and samples stay as they were submitted,
-- whatever path a write takes.
create function inspection_submitted_guard() returns trigger language plpgsql as $$
declare
    target uuid;
begin
    if tg_op = 'DELETE' then
        target := old.inspection_id;
    else
        target := new.inspection_id;
    end if;
    if exists (select 1 from inspection where id = target and status = 'SUBMITTED') then
        raise exception 'inspection % is submitted and cannot change', target using errcode = 'P0001';
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end $$;

create trigger inspection_answer_guard before insert or update or delete on inspection_answer
    for each row execute function inspection_submitted_guard();
create trigger inspection_photo_guard before insert or update or delete on inspection_photo
    for each row execute function inspection_submitted_guard();
create trigger inspection_sample_guard before insert or update or delete on inspection_sample
    for each row execute function inspection_submitted_guard();
