-- The six record-QC rules of the contract (shared data-formats.md, "How a time-limit rule is judged"),
-- written by hand from the table there, independent of JudgeRecords: defects per rule and kind over the
-- encounters discharged from :from to :to (inclusive). psql variables: hospital, from, to.
with e as (
    select encounter_id, admit_time, discharge_time, discharge_disposition as disposition,
           discharge_time - admit_time as stay
    from clinical_encounter
    where hospital_id = :'hospital' and discharge_time >= :'from'::date and discharge_time < :'to'::date + 1),
earliest as (
    select encounter_id, doc_type, min(written_time) as written
    from record_document
    where hospital_id = :'hospital' and doc_type in ('ADMISSION_RECORD', 'FIRST_PROGRESS_NOTE',
        'ATTENDING_FIRST_ROUND', 'DISCHARGE_RECORD', 'DEATH_RECORD', 'DEATH_DISCUSSION')
    group by encounter_id, doc_type),
due as (
    select e.encounter_id, r.rule_id, r.doc_type, r.deadline
    from e cross join lateral (values
        ('RR-ADM-01', 'ADMISSION_RECORD', e.admit_time + interval '24 hours', e.stay >= interval '24 hours'),
        ('RR-PRG-01', 'FIRST_PROGRESS_NOTE', e.admit_time + interval '8 hours', e.stay >= interval '8 hours'),
        ('RR-RND-01', 'ATTENDING_FIRST_ROUND', e.admit_time + interval '48 hours', e.stay >= interval '48 hours'),
        ('RR-DSC-01', 'DISCHARGE_RECORD', e.discharge_time + interval '24 hours',
            e.disposition <> 5 and e.stay >= interval '24 hours'),
        ('RR-DTH-01', 'DEATH_RECORD', e.discharge_time + interval '24 hours',
            e.disposition = 5 and e.stay >= interval '24 hours'),
        ('RR-DTH-02', 'DEATH_DISCUSSION', e.discharge_time + interval '7 days', e.disposition = 5))
        as r(rule_id, doc_type, deadline, applies)
    where r.applies)
select d.rule_id, case when x.written is null then 'MISSING' else 'LATE' end as kind, count(*)
from due d left join earliest x on x.encounter_id = d.encounter_id and x.doc_type = d.doc_type
where x.written is null or x.written > d.deadline
group by 1, 2 order by 1, 2;
