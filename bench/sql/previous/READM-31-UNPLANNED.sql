-- the product's SQL before commit 69db82b (exists() per discharge inside the count), kept for an A/B in the same run
with e as (select * from clinical_encounter
			      where hospital_id = :'hospital'::uuid and discharge_time >= :'from'::timestamp and discharge_time < :'to'::timestamp), rows as (select date_trunc('month', e.discharge_time)::date as period, e.discharge_dept_id as department_id,
				       count(*) filter (where e.readmission_plan_31d = 1 and exists (
				           select 1 from clinical_encounter r
				           where r.hospital_id = e.hospital_id and r.patient_id = e.patient_id
				             and r.encounter_id <> e.encounter_id and r.admit_time > e.discharge_time
				             and r.admit_time::date - e.discharge_time::date <= 31)) as numerator,
				       count(*) as denominator
				from e where e.discharge_disposition <> 5 group by 1, 2)
select period, department_id, numerator, denominator from rows
where denominator > 0  order by period, department_id;
