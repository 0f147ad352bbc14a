-- I类切口手术部位感染率: class I procedures healed with grade C / class I procedures
select date_trunc('month', e.discharge_time)::date as period, e.discharge_dept_id as department_id,
       count(*) filter (where p.healing_grade = 'C') as numerator, count(*) as denominator
from clinical_procedure p
join clinical_encounter e on e.hospital_id = p.hospital_id and e.encounter_id = p.encounter_id
where p.hospital_id = :'hospital' and p.incision_class = 'I'
  and e.discharge_time >= :'from' and e.discharge_time < :'to'
group by 1, 2 order by 1, 2;
