-- Indicators: targets per hospital (and optionally per department) and monthly values entered by
-- hand for indicators that cannot be computed from imported data. The catalog itself ships with
-- the application (catalog/indicators.yaml) and is versioned with it.

create table indicator_target (
    id             uuid primary key,
    hospital_id    uuid          not null references hospital (id),
    indicator_code varchar(32)   not null,
    department_id  uuid references department (id),
    target         numeric(14,4) not null,
    note           varchar(500),
    version        integer       not null,
    created_by     varchar(100)  not null,
    created_at     timestamptz   not null,
    changed_by     varchar(100)  not null,
    changed_at     timestamptz   not null
);
-- one target per indicator for the hospital as a whole, and one per department
create unique index indicator_target_unique on indicator_target
    (hospital_id, indicator_code, coalesce(department_id, '00000000-0000-0000-0000-000000000000'::uuid));

create table indicator_manual_value (
    id             uuid primary key,
    hospital_id    uuid          not null references hospital (id),
    indicator_code varchar(32)   not null,
    department_id  uuid          not null references department (id),
    period         date          not null check (extract(day from period) = 1),
    numerator      numeric(14,4) not null check (numerator >= 0),
    denominator    numeric(14,4) not null check (denominator >= 0),
    note           varchar(500),
    voided         boolean       not null default false,
    voided_by      varchar(100),
    voided_at      timestamptz,
    void_reason    varchar(500),
    version        integer       not null,
    created_by     varchar(100)  not null,
    created_at     timestamptz   not null,
    changed_by     varchar(100)  not null,
    changed_at     timestamptz   not null
);
create unique index indicator_manual_value_unique on indicator_manual_value
    (hospital_id, indicator_code, department_id, period) where not voided;
