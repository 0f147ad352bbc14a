-- Adverse-event reports (医疗安全（不良）事件): quick to report, anonymous allowed, triaged by the
-- quality office, answered to the reporter at closure.
create table incident (
    id                     uuid primary key,
    hospital_id            uuid          not null references hospital (id),
    reference              varchar(20)   not null,
    occurred_at            timestamp     not null,
    department_id          uuid          not null references department (id),
    category               varchar(20)   not null,
    level                  varchar(10) check (level in ('CN-I', 'CN-II', 'CN-III', 'CN-IV')),
    harm                   varchar(20) check (harm in ('NONE', 'MILD', 'MODERATE', 'SEVERE', 'DEATH', 'UNKNOWN')),
    description            varchar(4000) not null,
    immediate_actions      varchar(2000),
    patient_involved       boolean       not null,
    anonymous              boolean       not null,
    -- null for anonymous reports: nothing that identifies the reporter is kept
    reporter_user_id       uuid references app_user (id),
    details                varchar(2000) not null,
    status                 varchar(20)   not null check (status in ('SUBMITTED', 'TRIAGED', 'INVESTIGATING', 'ACTION_PLANNING', 'CLOSED')),
    handling_department_id uuid references department (id),
    triaged_by             varchar(100),
    triaged_at             timestamptz,
    report_due_at          timestamptz,
    analysis_due_at        timestamptz,
    feedback               varchar(2000),
    closed_at              timestamptz,
    submitted_at           timestamptz   not null,
    version                integer       not null,
    created_by             varchar(100)  not null,
    created_at             timestamptz   not null,
    changed_by             varchar(100)  not null,
    changed_at             timestamptz   not null,
    constraint incident_reference_unique unique (hospital_id, reference)
);
create index incident_department_idx on incident (hospital_id, department_id, occurred_at);
create index incident_reporter_idx on incident (reporter_user_id);

create table incident_collaborator (
    incident_id   uuid not null references incident (id),
    department_id uuid not null references department (id),
    primary key (incident_id, department_id)
);

-- A retried submission (same Idempotency-Key) answers the first result and creates nothing new.
create table incident_idempotency (
    hospital_id     uuid         not null references hospital (id),
    idempotency_key varchar(100) not null,
    incident_id     uuid         not null references incident (id),
    created_at      timestamptz  not null,
    primary key (hospital_id, idempotency_key)
);
