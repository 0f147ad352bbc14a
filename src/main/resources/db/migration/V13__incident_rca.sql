-- Root-cause analysis of an adverse event (required for levels I and II, possible for any):
-- timeline, contributing factors (WHO ICPS classes), five whys, fishbone causes, root causes.
create table incident_rca (
    incident_id          uuid primary key references incident (id),
    hospital_id          uuid          not null references hospital (id),
    timeline             varchar(8000),
    contributing_factors varchar(500),
    five_whys            varchar(4000),
    fishbone             varchar(8000),
    root_causes          varchar(4000) not null,
    version              integer       not null,
    created_by           varchar(100)  not null,
    created_at           timestamptz   not null,
    changed_by           varchar(100)  not null,
    changed_at           timestamptz   not null
);
