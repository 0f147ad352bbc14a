-- The last report number given per hospital and year. Numbering reads and moves this one row under its
-- row lock (held to commit, so numbers stay gapless and in order) instead of scanning every report of
-- the year for the highest number while holding a hospital-wide lock: that scan grew with the table.
create table incident_reference_counter (
    hospital_id uuid    not null references hospital (id),
    year        integer not null,
    last_number integer not null,
    primary key (hospital_id, year),
    constraint incident_reference_counter_number_check check (last_number >= 1)
);

insert into incident_reference_counter (hospital_id, year, last_number)
select hospital_id, cast(substring(reference from 5 for 4) as integer), max(cast(substring(reference from 10) as integer))
from incident
where reference ~ '^INC-[0-9]{4}-[0-9]+$'
group by 1, 2;
