-- Attachments of adverse-event reports (photos, documents), kept in the database with the report
-- (ADR 0014): never executed, voided rather than deleted. An anonymous report's attachment keeps
-- no uploader and a generic file name; images lose their metadata (EXIF/GPS/device) on upload.
create table incident_attachment (
    id                  uuid primary key,
    hospital_id         uuid          not null references hospital (id),
    incident_id         uuid          not null references incident (id),
    file_name           varchar(200)  not null,
    media_type          varchar(100)  not null,
    size_bytes          bigint        not null check (size_bytes > 0),
    sha256              varchar(64)   not null,
    content             bytea         not null,
    -- null when the uploader must stay unknown (anonymous report, public reporting link)
    uploaded_by_user_id uuid references app_user (id),
    uploaded_by         varchar(100),
    uploaded_at         timestamptz   not null,
    voided              boolean       not null default false,
    voided_by           varchar(100),
    voided_at           timestamptz,
    void_reason         varchar(500),
    constraint incident_attachment_void_reason check (not voided or void_reason is not null)
);
create index incident_attachment_incident_idx on incident_attachment (incident_id, uploaded_at);

-- Reports made through the public reporting link: a name typed by the reporter (optional), never a user.
alter table incident add column reporter_name varchar(100);
alter table incident add column via_public_link boolean not null default false;

-- The hospital's public reporting link (/report/{token}) for ward devices without a login.
create table incident_public_link (
    hospital_id uuid primary key references hospital (id),
    token       varchar(64)  not null,
    enabled     boolean      not null,
    rotated_at  timestamptz  not null,
    version     integer      not null,
    created_by  varchar(100) not null,
    created_at  timestamptz  not null,
    changed_by  varchar(100) not null,
    changed_at  timestamptz  not null,
    constraint incident_public_link_token_unique unique (token)
);

-- Actions planned on an adverse event's root causes (RCA²): which event and which root cause
-- (its text as the analysis named it) an action answers.
alter table improvement_action add column incident_id uuid references incident (id);
alter table improvement_action add column root_cause varchar(1000);
create index improvement_action_incident_idx on improvement_action (incident_id) where incident_id is not null;
update improvement_action a set incident_id = i.id from incident i
    where a.source_type = 'INCIDENT' and a.source_id = i.id::text;
