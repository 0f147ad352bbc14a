-- FHIR R4 imports (docs/fhir-mapping.md): one run per request brings discharges and their procedures
-- together, and counts the encounters it skipped (not inpatient, not yet discharged, never happened).

alter table import_run drop constraint import_run_kind_check;
alter table import_run add constraint import_run_kind_check
    check (kind in ('ENCOUNTERS', 'PROCEDURES', 'RECORD_DOCUMENTS', 'FHIR'));
alter table import_run add column skipped integer not null default 0;
