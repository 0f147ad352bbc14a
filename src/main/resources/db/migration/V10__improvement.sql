-- The one action register: every finding (an indicator signal now; incidents, audits, record QC,
-- complaints and committee minutes later) becomes an action tracked to a verified close.
create table improvement_action (
    id                        uuid primary key,
    hospital_id               uuid          not null references hospital (id),
    reference                 varchar(20)   not null,
    title                     varchar(200)  not null,
    description               varchar(4000),
    source_type               varchar(30)   not null check (source_type in ('INDICATOR_SIGNAL', 'INCIDENT', 'AUDIT_FINDING',
                                  'RECORD_DEFECT', 'COMPLAINT', 'COMMITTEE', 'MANUAL')),
    source_id                 varchar(64),
    responsible_department_id uuid references department (id),
    owner_user_id             uuid references app_user (id),
    due_date                  date          not null,
    expected_result           varchar(1000),
    status                    varchar(30)   not null check (status in ('OPEN', 'IN_PROGRESS', 'AWAITING_VERIFICATION',
                                  'CLOSED', 'CANCELLED')),
    strength                  varchar(20) check (strength in ('STRONG', 'INTERMEDIATE', 'WEAK')),
    indicator_code            varchar(32),
    indicator_department_id   uuid references department (id),
    effective_month           date,
    verification_outcome      varchar(20) check (verification_outcome in ('EFFECTIVE', 'NOT_EFFECTIVE')),
    verification_note         varchar(2000),
    verified_by               varchar(100),
    verified_at               timestamptz,
    escalation_level          integer       not null default 0,
    last_escalated_at         timestamptz,
    version                   integer       not null,
    created_by                varchar(100)  not null,
    created_at                timestamptz   not null,
    changed_by                varchar(100)  not null,
    changed_at                timestamptz   not null,
    constraint improvement_action_reference_unique unique (hospital_id, reference)
);
-- a finding becomes one action, however often its event is delivered
create unique index improvement_action_source_unique on improvement_action (hospital_id, source_type, source_id)
    where source_id is not null;
create index improvement_action_open_idx on improvement_action (hospital_id, due_date)
    where status in ('OPEN', 'IN_PROGRESS', 'AWAITING_VERIFICATION');

create table improvement_action_department (
    action_id     uuid not null references improvement_action (id),
    department_id uuid not null references department (id),
    primary key (action_id, department_id)
);

-- The visible trail of an action: progress notes, status changes, escalations (督办), verification.
create table improvement_action_event (
    id         uuid primary key,
    action_id  uuid          not null references improvement_action (id),
    kind       varchar(20)   not null check (kind in ('NOTE', 'STATUS', 'ESCALATION', 'VERIFICATION')),
    note       varchar(2000),
    status     varchar(30),
    by_name    varchar(100)  not null,
    at         timestamptz   not null
);
create index improvement_action_event_idx on improvement_action_event (action_id, at);
