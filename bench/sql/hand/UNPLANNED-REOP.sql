-- 非计划重返手术室再手术率: surgical discharges (a procedure of level 1-4) with an unplanned return / surgical discharges
select date_trunc('month', e.discharge_time)::date as period, e.discharge_dept_id as department_id,
       count(*) filter (where s.unplanned) as numerator, count(*) as denominator
from clinical_encounter e
join (select encounter_id, bool_or(unplanned_return) as unplanned
      from clinical_procedure
      where hospital_id = :'hospital'
      group by encounter_id
      having bool_or(surgery_level between 1 and 4)) s on s.encounter_id = e.encounter_id
where e.hospital_id = :'hospital' and e.discharge_time >= :'from' and e.discharge_time < :'to'
group by 1, 2 order by 1, 2;
