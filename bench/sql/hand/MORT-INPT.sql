-- 住院患者死亡率: deaths / all discharges, by month of discharge and discharge department
select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
       count(*) filter (where discharge_disposition = 5) as numerator, count(*) as denominator
from clinical_encounter
where hospital_id = :'hospital' and discharge_time >= :'from' and discharge_time < :'to'
group by 1, 2 order by 1, 2;
