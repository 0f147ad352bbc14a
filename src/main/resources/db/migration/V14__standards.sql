-- Standards: the hospital's regulations, rules and SOPs as versioned documents with read
-- acknowledgements, and checklist templates whose published versions are frozen (the audits
-- module scores inspections against them). The 18 core systems are shipped catalog data
-- (catalog/core-systems.yaml), referenced here by their ids (CS01, CS02-K4…).

-- Documents ---------------------------------------------------------------------------------
create table std_document (
    id                  uuid primary key,
    hospital_id         uuid          not null references hospital (id),
    code                varchar(40)   not null,
    title               varchar(200)  not null,
    type                varchar(20)   not null check (type in ('REGULATION', 'RULE', 'SOP', 'GUIDELINE', 'PLAN')),
    owner_department_id uuid          references department (id),
    core_systems        varchar(400)  not null default '',
    retired             boolean       not null default false,
    retired_by          varchar(100),
    retired_at          timestamptz,
    version             integer       not null,
    created_by          varchar(100)  not null,
    created_at          timestamptz   not null,
    changed_by          varchar(100)  not null,
    changed_at          timestamptz   not null,
    constraint std_document_code_unique unique (hospital_id, code)
);

create table std_document_version (
    id             uuid primary key,
    document_id    uuid          not null references std_document (id),
    hospital_id    uuid          not null references hospital (id),
    version_number integer       not null check (version_number > 0),
    status         varchar(20)   not null check (status in ('DRAFT', 'PUBLISHED', 'SUPERSEDED')),
    content        text,
    change_note    varchar(1000),
    effective_date date,
    file_name      varchar(255),
    file_type      varchar(100),
    file_size      bigint,
    file_sha256    varchar(64),
    storage_key    varchar(100),
    published_by   varchar(100),
    published_at   timestamptz,
    superseded_at  timestamptz,
    version        integer       not null,
    created_by     varchar(100)  not null,
    created_at     timestamptz   not null,
    changed_by     varchar(100)  not null,
    changed_at     timestamptz   not null,
    constraint std_document_version_unique unique (document_id, version_number),
    constraint std_document_version_has_text_or_file check (status = 'DRAFT' or content is not null or storage_key is not null)
);
-- one draft and one published version per document at most
create unique index std_document_one_draft on std_document_version (document_id) where status = 'DRAFT';
create unique index std_document_one_published on std_document_version (document_id) where status = 'PUBLISHED';

-- Staff confirm they have read a published version.
create table std_acknowledgement (
    document_version_id uuid        not null references std_document_version (id),
    user_id             uuid        not null references app_user (id),
    hospital_id         uuid        not null references hospital (id),
    acknowledged_at     timestamptz not null,
    primary key (document_version_id, user_id)
);
create index std_acknowledgement_user_idx on std_acknowledgement (user_id);

-- A published or superseded version is the text staff acknowledged: its content and file never change;
-- only the step PUBLISHED -> SUPERSEDED is allowed.
create function std_document_version_frozen() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.status <> 'DRAFT' then
            raise exception 'document version % is % and cannot be deleted', old.id, old.status using errcode = '55000';
        end if;
        return old;
    end if;
    if old.status = 'DRAFT' then
        return new;
    end if;
    if old.status = 'PUBLISHED' and new.status = 'SUPERSEDED'
            and new.content is not distinct from old.content
            and new.storage_key is not distinct from old.storage_key
            and new.file_sha256 is not distinct from old.file_sha256
            and new.effective_date is not distinct from old.effective_date
            and new.version_number = old.version_number
            and new.published_at is not distinct from old.published_at then
        return new;
    end if;
    raise exception 'document version % is % and cannot be changed', old.id, old.status using errcode = '55000';
end $$;

create trigger std_document_version_frozen
    before update or delete on std_document_version
    for each row execute function std_document_version_frozen();

-- Checklist templates -------------------------------------------------------------------------
create table checklist_template (
    id          bigint generated always as identity primary key,
    hospital_id uuid          not null references hospital (id),
    code        varchar(40)   not null,
    name        varchar(200)  not null,
    description varchar(2000),
    audit_types varchar(500)  not null default '',
    retired     boolean       not null default false,
    retired_by  varchar(100),
    retired_at  timestamptz,
    version     integer       not null,
    created_by  varchar(100)  not null,
    created_at  timestamptz   not null,
    changed_by  varchar(100)  not null,
    changed_at  timestamptz   not null,
    constraint checklist_template_code_unique unique (hospital_id, code)
);

create table checklist_template_version (
    id             bigint generated always as identity primary key,
    template_id    bigint        not null references checklist_template (id),
    hospital_id    uuid          not null references hospital (id),
    version_number integer       not null check (version_number > 0),
    status         varchar(20)   not null check (status in ('DRAFT', 'PUBLISHED')),
    published_by   varchar(100),
    published_at   timestamptz,
    version        integer       not null,
    created_by     varchar(100)  not null,
    created_at     timestamptz   not null,
    changed_by     varchar(100)  not null,
    changed_at     timestamptz   not null,
    constraint checklist_template_version_unique unique (template_id, version_number)
);
create unique index checklist_template_one_draft on checklist_template_version (template_id) where status = 'DRAFT';

create table checklist_section (
    id          bigint generated always as identity primary key,
    version_id  bigint        not null references checklist_template_version (id),
    hospital_id uuid          not null references hospital (id),
    title       varchar(200)  not null,
    position    integer       not null
);
create index checklist_section_version_idx on checklist_section (version_id, position);

create table checklist_item (
    id                     bigint generated always as identity primary key,
    section_id             bigint        not null references checklist_section (id),
    version_id             bigint        not null references checklist_template_version (id),
    hospital_id            uuid          not null references hospital (id),
    code                   varchar(20)   not null,
    text                   varchar(1000) not null,
    guidance               varchar(2000),
    scoring                varchar(20)   not null check (scoring in ('POINTS', 'DEDUCTION', 'PASS_FAIL')),
    points                 numeric(7, 2) not null check (points >= 0),
    critical               boolean       not null,
    not_applicable_allowed boolean       not null,
    core_system_check_id   varchar(20),
    position               integer       not null,
    constraint checklist_item_code_unique unique (version_id, code)
);
create index checklist_item_section_idx on checklist_item (section_id, position);

-- A published version is what inspections were scored against: frozen, also for direct SQL.
create function checklist_version_frozen() returns trigger language plpgsql as $$
begin
    if old.status = 'DRAFT' then
        -- editing or discarding a draft, or publishing it
        return case when tg_op = 'DELETE' then old else new end;
    end if;
    raise exception 'checklist template version % is published and cannot be changed', old.id using errcode = '55000';
end $$;

create trigger checklist_template_version_frozen
    before update or delete on checklist_template_version
    for each row execute function checklist_version_frozen();

create function checklist_content_frozen() returns trigger language plpgsql as $$
declare
    target bigint;
begin
    if tg_op = 'DELETE' then
        target := old.version_id;
    else
        target := new.version_id;
        if tg_op = 'UPDATE' and old.version_id <> new.version_id then
            raise exception 'checklist content cannot move between versions' using errcode = '55000';
        end if;
    end if;
    if exists (select 1 from checklist_template_version where id = target and status = 'PUBLISHED') then
        raise exception 'checklist template version % is published and cannot be changed', target using errcode = '55000';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger checklist_section_frozen
    before insert or update or delete on checklist_section
    for each row execute function checklist_content_frozen();

create trigger checklist_item_frozen
    before insert or update or delete on checklist_item
    for each row execute function checklist_content_frozen();
