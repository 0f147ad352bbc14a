-- 平均住院日: sum of LOS (calendar days, at least 1) / discharges
select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
       sum(greatest(discharge_time::date - admit_time::date, 1)) as numerator, count(*) as denominator
from clinical_encounter
where hospital_id = :'hospital' and discharge_time >= :'from' and discharge_time < :'to'
group by 1, 2 order by 1, 2;
