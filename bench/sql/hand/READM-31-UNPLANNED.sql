-- 31天内非计划再住院率: index discharges (not deaths) with no readmission plan followed by an admission of the
-- same patient strictly after the discharge time and at most 31 calendar days later. The readmission
-- window is written as a range on admit_time so that the (hospital_id, patient_id, admit_time) index
-- answers it: admission date - discharge date <= 31  <=>  admit_time < discharge date + 32 days.
select date_trunc('month', e.discharge_time)::date as period, e.discharge_dept_id as department_id,
       count(*) filter (where e.readmission_plan_31d = 1 and exists (
           select 1 from clinical_encounter r
           where r.hospital_id = e.hospital_id and r.patient_id = e.patient_id
             and r.admit_time > e.discharge_time
             and r.admit_time < e.discharge_time::date + 32)) as numerator,
       count(*) as denominator
from clinical_encounter e
where e.hospital_id = :'hospital' and e.discharge_time >= :'from' and e.discharge_time < :'to'
  and e.discharge_disposition <> 5
group by 1, 2 order by 1, 2;
