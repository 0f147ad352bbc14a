-- 10M discharges for the page measurement in docs/benchmarks.md ("10M"): ten copies of the 1M data set
-- (KEEP=1 bench/run.sh 1000000 leaves its files in the path below), ids suffixed -0..-9, loaded into a
-- running app's empty database in one statement each. Restart the app afterwards: start-up recomputes
-- the marked months. psql -h localhost -p 54400 -U postgres -f bench/sql/ten-copies.sql
\timing on
set work_mem = '64MB';
set maintenance_work_mem = '512MB';
create temp table s_e (encounter_id varchar(64), patient_id varchar(64), sex smallint, birth_date date,
    admit_time timestamp, admit_dept varchar(64), discharge_time timestamp, discharge_dept varchar(64),
    admission_route smallint, principal_dx varchar(32), other_dx text, discharge_disposition smallint,
    readmission_plan_31d smallint, total_cost numeric(14, 2));
create temp table s_p (encounter_id varchar(64), seq integer, code varchar(32), op_time timestamp,
    surgery_level smallint, incision_class varchar(3), healing_grade char(1), unplanned_return text);
\copy s_e from '/tmp/careqms-bench/run-1000000/data/encounters.csv' with (format csv, header)
\copy s_p from '/tmp/careqms-bench/run-1000000/data/procedures.csv' with (format csv, header)
-- loaded without the marking triggers (10M rows in one statement); every month is marked below instead
alter table clinical_encounter disable trigger user;
alter table clinical_procedure disable trigger user;
insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time, admit_dept_id,
    discharge_time, discharge_dept_id, admission_route, principal_dx, other_dx, discharge_disposition,
    readmission_plan_31d, total_cost, import_run_id)
select h.id, s.encounter_id || '-' || k, s.patient_id || '-' || k, s.sex, s.birth_date, s.admit_time, a.id, s.discharge_time, d.id,
    s.admission_route, s.principal_dx, coalesce(string_to_array(nullif(s.other_dx, ''), ';')::varchar(32)[], '{}'),
    s.discharge_disposition, s.readmission_plan_31d, s.total_cost, gen_random_uuid()
from s_e s cross join generate_series(0, 9) k join hospital h on h.code = 'H0001'
join department a on a.hospital_id = h.id and a.code = s.admit_dept
join department d on d.hospital_id = h.id and d.code = s.discharge_dept;
insert into clinical_procedure (hospital_id, encounter_id, seq, code, op_time, surgery_level, incision_class,
    healing_grade, unplanned_return, import_run_id)
select h.id, s.encounter_id || '-' || k, s.seq, s.code, s.op_time, s.surgery_level, nullif(s.incision_class, ''),
    nullif(s.healing_grade, ''), coalesce(s.unplanned_return = 'Y', false), gen_random_uuid()
from s_p s cross join generate_series(0, 9) k join hospital h on h.code = 'H0001';
alter table clinical_encounter enable trigger user;
alter table clinical_procedure enable trigger user;
insert into indicator_month_dirty (hospital_id, department_id, period, encounters)
select distinct hospital_id, discharge_dept_id, date_trunc('month', discharge_time)::date, true from clinical_encounter;
vacuum analyze clinical_encounter;
vacuum analyze clinical_procedure;
select count(*) from clinical_encounter;
