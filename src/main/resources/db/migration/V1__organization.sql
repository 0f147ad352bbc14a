-- Organization: hospitals (the tenant), departments, staff, users, roles, committees.
-- Every business table carries hospital_id; reference data is retired, never deleted.

create table hospital (
    id          uuid primary key,
    code        varchar(32)  not null unique,
    name        varchar(200) not null,
    name_en     varchar(200),
    version     integer      not null,
    created_by  varchar(100) not null,
    created_at  timestamptz  not null,
    changed_by  varchar(100) not null,
    changed_at  timestamptz  not null
);

create table department (
    id            uuid primary key,
    hospital_id   uuid         not null references hospital (id),
    code          varchar(32)  not null,
    name          varchar(100) not null,
    name_en       varchar(100),
    type          varchar(32)  not null,
    parent_id     uuid references department (id),
    description   varchar(1000),
    retired       boolean      not null default false,
    retired_by    varchar(100),
    retired_at    timestamptz,
    retire_reason varchar(500),
    version       integer      not null,
    created_by    varchar(100) not null,
    created_at    timestamptz  not null,
    changed_by    varchar(100) not null,
    changed_at    timestamptz  not null,
    constraint department_code_unique unique (hospital_id, code),
    constraint department_type_check check (type in ('DIVISION', 'CLINICAL', 'MEDICAL_TECHNICAL', 'NURSING_UNIT', 'ADMINISTRATIVE')),
    constraint department_not_own_parent check (parent_id is null or parent_id <> id)
);
create index department_parent_idx on department (parent_id);

-- Codes the hospital's HIS/EMR/LIS use for the same department (imports map through these).
create table department_his_code (
    department_id uuid        not null references department (id),
    hospital_id   uuid        not null references hospital (id),
    system        varchar(32) not null,
    code          varchar(64) not null,
    primary key (department_id, system, code),
    constraint department_his_code_unique unique (hospital_id, system, code)
);

create table staff (
    id            uuid primary key,
    hospital_id   uuid         not null references hospital (id),
    employee_no   varchar(32)  not null,
    name          varchar(100) not null,
    profession    varchar(32)  not null,
    title         varchar(32)  not null,
    department_id uuid         not null references department (id),
    phone         varchar(32),
    email         varchar(200),
    retired       boolean      not null default false,
    retired_by    varchar(100),
    retired_at    timestamptz,
    retire_reason varchar(500),
    version       integer      not null,
    created_by    varchar(100) not null,
    created_at    timestamptz  not null,
    changed_by    varchar(100) not null,
    changed_at    timestamptz  not null,
    constraint staff_employee_no_unique unique (hospital_id, employee_no)
);
create index staff_department_idx on staff (department_id);

create table app_user (
    id                  uuid primary key,
    hospital_id         uuid         not null references hospital (id),
    username            varchar(64)  not null,
    password_hash       varchar(200) not null,
    display_name        varchar(100) not null,
    email               varchar(200),
    staff_id            uuid references staff (id),
    enabled             boolean      not null default true,
    access_expires_at   timestamptz,
    failed_logins       integer      not null default 0,
    locked_until        timestamptz,
    last_login_at       timestamptz,
    password_changed_at timestamptz  not null,
    retired             boolean      not null default false,
    retired_by          varchar(100),
    retired_at          timestamptz,
    retire_reason       varchar(500),
    version             integer      not null,
    created_by          varchar(100) not null,
    created_at          timestamptz  not null,
    changed_by          varchar(100) not null,
    changed_at          timestamptz  not null
);
-- user names are unique across the installation: a login form does not ask for the hospital
create unique index app_user_username_unique on app_user (lower(username));

create table app_user_role (
    user_id uuid        not null references app_user (id),
    role    varchar(32) not null,
    primary key (user_id, role),
    constraint app_user_role_check check (role in ('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER', 'STAFF', 'AUDITOR'))
);

create table app_user_department (
    user_id       uuid not null references app_user (id),
    department_id uuid not null references department (id),
    primary key (user_id, department_id)
);

-- Personal API tokens: only a SHA-256 of the token is kept; the token itself is shown once.
create table api_token (
    id           uuid primary key,
    hospital_id  uuid         not null references hospital (id),
    user_id      uuid         not null references app_user (id),
    name         varchar(100) not null,
    token_hash   char(64)     not null unique,
    token_prefix varchar(16)  not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz  not null
);
create index api_token_user_idx on api_token (user_id);

create table committee (
    id            uuid primary key,
    hospital_id   uuid          not null references hospital (id),
    code          varchar(32)   not null,
    name          varchar(200)  not null,
    type          varchar(32)   not null,
    department_id uuid references department (id),
    duties        varchar(4000),
    retired       boolean       not null default false,
    retired_by    varchar(100),
    retired_at    timestamptz,
    retire_reason varchar(500),
    version       integer       not null,
    created_by    varchar(100)  not null,
    created_at    timestamptz   not null,
    changed_by    varchar(100)  not null,
    changed_at    timestamptz   not null,
    constraint committee_code_unique unique (hospital_id, code),
    constraint committee_type_check check (type in ('QUALITY_MANAGEMENT', 'MEDICAL_RECORD', 'PHARMACY_THERAPEUTICS',
        'INFECTION_CONTROL', 'BLOOD_TRANSFUSION', 'NURSING_QUALITY', 'MEDICAL_TECHNOLOGY', 'DEPARTMENT_QC_GROUP', 'OTHER')),
    constraint committee_qc_group_department check (type <> 'DEPARTMENT_QC_GROUP' or department_id is not null)
);

create table committee_member (
    committee_id uuid         not null references committee (id),
    staff_id     uuid         not null references staff (id),
    position     varchar(32)  not null,
    duty         varchar(500),
    primary key (committee_id, staff_id),
    constraint committee_member_position_check check (position in ('CHAIR', 'VICE_CHAIR', 'SECRETARY', 'MEMBER'))
);
