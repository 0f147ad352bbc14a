-- Alerts: a month of an indicator that breaches its target or shows special-cause variation.
-- Raised once per indicator, department (null: hospital-wide), month and kind.
create table indicator_alert (
    id              uuid primary key,
    hospital_id     uuid          not null references hospital (id),
    indicator_code  varchar(32)   not null,
    department_id   uuid references department (id),
    period          date          not null,
    kind            varchar(20)   not null check (kind in ('TARGET_BREACH', 'SPECIAL_CAUSE')),
    value           numeric(18,4) not null,
    target          numeric(14,4),
    detail          varchar(100),
    detected_at     timestamptz   not null,
    acknowledged_by varchar(100),
    acknowledged_at timestamptz
);
create unique index indicator_alert_unique on indicator_alert
    (hospital_id, indicator_code, coalesce(department_id, '00000000-0000-0000-0000-000000000000'::uuid), period, kind);
create index indicator_alert_open_idx on indicator_alert (hospital_id, detected_at desc) where acknowledged_at is null;
