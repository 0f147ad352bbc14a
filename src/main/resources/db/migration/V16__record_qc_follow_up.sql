-- Record-QC defects followed up (recordqc module): rectification by the responsible doctor or the
-- department, re-checked by the next run; appeals (申诉) decided by the quality office. Defects are
-- derived data replaced by every run, so a defect is known across runs by its id: a digest of what
-- makes it that defect — hospital, encounter, rule, kind and, for a document tied to a clinical event,
-- the event's time — the same in every run that finds it.

alter table record_qc_defect add column id uuid;
alter table record_qc_defect add column event_time timestamp;
-- the doctor the defect is addressed to (staff id of the imported data): the document's author, or for a
-- missing document the author of the stay's admission record, else of its earliest document
alter table record_qc_defect add column doctor_id varchar(32);
-- when a run first found the defect (kept by later runs that find it again); appeal deadlines run from it
alter table record_qc_defect add column raised_at timestamptz;
update record_qc_defect d set raised_at = r.started_at,
    id = md5(d.hospital_id::text || '|' || d.encounter_id || '|' || d.rule_id || '|' || d.kind || '|')::uuid,
    doctor_id = d.author_id
from record_qc_run r where r.id = d.run_id;
alter table record_qc_defect alter column id set not null;
alter table record_qc_defect alter column raised_at set not null;
create index record_qc_defect_id_idx on record_qc_defect (id);
create index record_qc_defect_doctor_idx on record_qc_defect (hospital_id, doctor_id);

-- One row per defect someone acted on (id = the defect's id). status:
--   RECTIFIED  the doctor or department says it is fixed; the next run over the record confirms
--   REOPENED   a run after the rectification still found it (check_kind/check_written say how)
--   RESOLVED   a run no longer found it (resolved by re-check)
--   APPEALED   an appeal is open
--   WAIVED     the quality office upheld an appeal: the defect no longer counts in score and grade
--   REJECTED   the quality office rejected the appeal
create table record_qc_follow_up (
    id             uuid          primary key,
    hospital_id    uuid          not null references hospital (id),
    encounter_id   varchar(64)   not null,
    rule_id        varchar(16)   not null,
    kind           varchar(8)    not null check (kind in ('MISSING', 'LATE')),
    event_time     timestamp,
    department_id  uuid          not null,
    doctor_id      varchar(32),
    raised_at      timestamptz   not null,
    status         varchar(16)   not null
        check (status in ('RECTIFIED', 'REOPENED', 'RESOLVED', 'APPEALED', 'WAIVED', 'REJECTED')),
    rectify_note   varchar(1000),
    rectified_by   varchar(100),
    rectifier_id   uuid,
    rectified_at   timestamptz,
    checked_run_id uuid          references record_qc_run (id),
    checked_at     timestamptz,
    version        integer       not null,
    created_by     varchar(100)  not null,
    created_at     timestamptz   not null,
    changed_by     varchar(100)  not null,
    changed_at     timestamptz   not null
);
create index record_qc_follow_up_encounter_idx on record_qc_follow_up (hospital_id, encounter_id);
create index record_qc_follow_up_waived_idx on record_qc_follow_up (hospital_id) where status = 'WAIVED';

-- Appeals: at most one OPEN per defect; a rejected appeal may be followed by another before the deadline.
-- CLOSED: the defect disappeared (a run no longer found it) before the quality office decided.
create table record_qc_appeal (
    id            uuid          primary key,
    hospital_id   uuid          not null references hospital (id),
    follow_up_id  uuid          not null references record_qc_follow_up (id),
    reason        varchar(16)   not null check (reason in ('PAPER_RECORD', 'NOT_APPLICABLE', 'DATA_ERROR', 'OTHER')),
    explanation   varchar(2000) not null,
    status        varchar(16)   not null check (status in ('OPEN', 'UPHELD', 'REJECTED', 'CLOSED')),
    filed_by      varchar(100)  not null,
    filer_id      uuid          not null,
    filed_at      timestamptz   not null,
    decided_by    varchar(100),
    decided_at    timestamptz,
    decision_note varchar(2000),
    version       integer       not null
);
create unique index record_qc_appeal_open_idx on record_qc_appeal (follow_up_id) where status = 'OPEN';
create index record_qc_appeal_queue_idx on record_qc_appeal (hospital_id, status, filed_at);
create index record_qc_appeal_follow_up_idx on record_qc_appeal (follow_up_id);
