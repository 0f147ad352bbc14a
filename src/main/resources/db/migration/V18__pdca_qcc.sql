-- PDCA cycles and QC-circle projects (品管圈): bigger problems worked through Plan, Do, Check and Act.
-- A QCC project is a PDCA cycle run by a circle; its ten classic steps and theme-selection matrix hang
-- off the same cycle (docs/adr/0012-pdca-and-qcc.md).
create table improvement_cycle (
    id                     uuid primary key,
    hospital_id            uuid          not null references hospital (id),
    kind                   varchar(10)   not null check (kind in ('PDCA', 'QCC')),
    reference              varchar(20)   not null,
    project_id             uuid          not null,
    round                  integer       not null check (round >= 1),
    previous_cycle_id      uuid references improvement_cycle (id),
    title                  varchar(200)  not null,
    problem_statement      varchar(4000) not null,
    department_id          uuid          not null references department (id),
    owner_user_id          uuid references app_user (id),
    indicator_code         varchar(32),
    goal_direction         varchar(10)   not null check (goal_direction in ('DECREASE', 'INCREASE')),
    baseline_value         numeric(14, 4),
    target_value           numeric(14, 4),
    after_value            numeric(14, 4),
    stage                  varchar(10)   not null check (stage in ('PLAN', 'DO', 'CHECK', 'ACT', 'COMPLETED')),
    problem_analysis       varchar(4000),
    root_causes            varchar(4000),
    goal                   varchar(2000),
    plan                   varchar(4000),
    check_conclusion       varchar(4000),
    act_outcome            varchar(20) check (act_outcome in ('STANDARDIZED', 'NEXT_ROUND')),
    standardization        varchar(4000),
    next_cycle_id          uuid references improvement_cycle (id),
    -- QCC only: the circle, and the inputs of the target formula
    circle_name            varchar(100),
    slogan                 varchar(200),
    leader_staff_id        uuid references staff (id),
    facilitator_staff_id   uuid references staff (id),
    improvement_focus      numeric(7, 4),
    circle_capability      numeric(7, 4),
    weight_policy          numeric(7, 3),
    weight_importance      numeric(7, 3),
    weight_urgency         numeric(7, 3),
    weight_capability      numeric(7, 3),
    idempotency_key        varchar(100),
    voided                 boolean       not null default false,
    voided_by              varchar(100),
    voided_at              timestamptz,
    void_reason            varchar(500),
    version                integer       not null,
    created_by             varchar(100)  not null,
    created_at             timestamptz   not null,
    changed_by             varchar(100)  not null,
    changed_at             timestamptz   not null,
    constraint improvement_cycle_reference_unique unique (hospital_id, reference),
    constraint improvement_cycle_round_unique unique (project_id, round)
);
create index improvement_cycle_department_idx on improvement_cycle (hospital_id, department_id);
create unique index improvement_cycle_idempotency_unique on improvement_cycle (hospital_id, kind, idempotency_key)
    where idempotency_key is not null;

-- Dates of the four stages: when each is due, started and completed, and whether its lateness was escalated.
create table improvement_cycle_stage (
    cycle_id     uuid        not null references improvement_cycle (id),
    stage        varchar(10) not null check (stage in ('PLAN', 'DO', 'CHECK', 'ACT')),
    due_date     date        not null,
    started_on   date,
    completed_on date,
    escalated_at timestamptz,
    primary key (cycle_id, stage)
);

-- The Do stage's actions: ordinary actions of the register, linked; carried over when Act ends with work left.
create table improvement_cycle_action (
    cycle_id     uuid          not null references improvement_cycle (id),
    action_id    uuid          not null references improvement_action (id),
    linked_at    timestamptz   not null,
    carried_over boolean       not null default false,
    carry_note   varchar(1000),
    primary key (cycle_id, action_id)
);
create index improvement_cycle_action_idx on improvement_cycle_action (action_id);

-- Team members (staff); for a QC circle these are the circle members beside its leader and facilitator.
create table improvement_cycle_member (
    cycle_id uuid not null references improvement_cycle (id),
    staff_id uuid not null references staff (id),
    primary key (cycle_id, staff_id)
);

-- The ten classic QCC steps, each with what was done and when it was finished.
create table improvement_qcc_step (
    cycle_id     uuid          not null references improvement_cycle (id),
    step         varchar(30)   not null,
    content      varchar(4000),
    completed_on date,
    primary key (cycle_id, step)
);

-- Candidate themes scored on the four criteria (上级政策, 重要性, 迫切性, 圈能力).
create table improvement_qcc_theme (
    id          uuid primary key,
    cycle_id    uuid          not null references improvement_cycle (id),
    position    integer       not null,
    theme       varchar(200)  not null,
    policy      numeric(8, 2) not null,
    importance  numeric(8, 2) not null,
    urgency     numeric(8, 2) not null,
    capability  numeric(8, 2) not null,
    chosen      boolean       not null default false
);
create index improvement_qcc_theme_idx on improvement_qcc_theme (cycle_id);

-- The visible trail of a cycle: stage moves, notes, linked actions, escalations (督办).
create table improvement_cycle_event (
    id       uuid primary key,
    cycle_id uuid          not null references improvement_cycle (id),
    kind     varchar(20)   not null check (kind in ('CREATED', 'STAGE', 'NOTE', 'ACTION', 'ESCALATION', 'UPDATE',
                               'VOID')),
    stage    varchar(10),
    note     varchar(2000),
    by_name  varchar(100)  not null,
    at       timestamptz   not null
);
create index improvement_cycle_event_idx on improvement_cycle_event (cycle_id, at);
