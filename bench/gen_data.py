#!/usr/bin/env python3
"""Deterministic synthetic discharges for the CareQMS benchmark (stdlib only).

Writes encounters.csv and procedures.csv in the import contract format of data-formats.md
(shared docs): one row per inpatient discharge, one row per procedure or operation.

    python3 bench/gen_data.py --discharges 1000000 --out /tmp/careqms-bench/data --seed 42 \
        --end-month 2026-10 --months 24

Same arguments, same seed -> byte-identical files. Distributions (roughly):
- departments: the inpatient departments of the demo hospital (DemoData.java), weighted by size;
  2% of stays are admitted through emergency (0701) or ICU (0801) and discharged elsewhere;
- patients come back: ~35% of patients have 2+ stays; ~15% of follow-up stays start within 31 days
  of the previous discharge, so unplanned 31-day readmissions exist (readmission_plan_31d = 2 for 5%);
- ~2% deaths (more in ICU and emergency), LOS 1-30 days (median ~6), discharges spread evenly over
  the last `--months` months ending with `--end-month`;
- ~30% surgical stays (most in the surgical departments) with 1-3 procedures: operation grades 1-4,
  incision classes 0/I/II/III, ~1% of class I wounds infected (healing grade C), ~1% of surgical stays
  with an unplanned return to the operating room; some medical stays have level-0 procedures.
Rows are written patient by patient (not sorted by discharge time); the importer does not care.

With --documents, record-documents.csv too (for the record-QC benchmark, bench/recordqc.sh), from a
second random stream (seed + 1), so encounters.csv and procedures.csv stay byte-identical: per stay an
admission record (a 24-hour admission-discharge record for stays under 24 h), first progress note,
attending's first round, daily progress notes (about one per three days, at most two), a discharge
record or, for deaths, a death record and a death discussion; per operation (surgery level 1-4) a
consent, an operation record and a post-operative first note; a transfer-in note when admitted and
discharged in different departments; a rescue record for some deaths. About 6 documents per stay.
~2% of due documents are missing and ~4% are written late (after the deadline of data-formats.md).
"""
import argparse
import datetime as dt
import random

# (code, weight, surgical share, death share, typical principal diagnoses)
DEPARTMENTS = [
    ("0301", 9, 0.12, 0.020, ["I21.0", "I25.103", "I50.900", "I48.x00", "I10.x00"]),
    ("0301W", 2, 0.05, 0.015, ["I10.x00", "I50.900"]),
    ("0302", 8, 0.05, 0.035, ["J18.900", "J44.100", "J18.900x002", "J96.000"]),
    ("0303", 7, 0.15, 0.010, ["K29.700", "K80.200", "K92.200", "K74.600"]),
    ("0304", 7, 0.03, 0.025, ["I63.900", "I61.900", "G40.900", "G20.x00"]),
    ("0305", 4, 0.01, 0.005, ["E11.900", "E11.200x001", "E05.000"]),
    ("0401", 8, 0.80, 0.010, ["K35.800", "K40.900", "K80.100", "C16.900"]),
    ("0402", 7, 0.85, 0.005, ["S72.000", "M17.900", "S82.200", "M51.202"]),
    ("0402W", 2, 0.70, 0.005, ["S72.000", "M16.900"]),
    ("0403", 4, 0.60, 0.040, ["S06.500", "I61.000", "D32.900"]),
    ("0404", 3, 0.75, 0.030, ["I25.101", "C34.900", "I35.000"]),
    ("0405", 4, 0.75, 0.005, ["N20.000", "N40.x00", "C67.900"]),
    ("0501", 9, 0.55, 0.001, ["O80.000", "O82.000", "D25.900", "O34.201"]),
    ("0601", 8, 0.05, 0.003, ["J18.000", "A09.900", "J21.900", "P59.900"]),
    ("0701", 4, 0.08, 0.050, ["T14.900", "R57.000", "T65.900"]),
    ("0801", 2, 0.20, 0.150, ["A41.900", "J96.000", "R57.000"]),
]
OTHER_DX = ["I10.x00", "E11.900", "E78.500", "N18.900", "J44.900", "K21.000", "D64.900", "I25.100"]
PROCEDURES_0 = ["88.7101", "99.0400", "38.9301", "96.0401", "45.1300"]  # level-0 procedures (操作)
OPERATIONS = {  # by department: (code, surgery level)
    "0401": [("47.0100", 2), ("53.0200", 2), ("51.2300", 3), ("43.7x00", 4)],
    "0402": [("81.5100x003", 4), ("79.3500", 3), ("81.5400", 3), ("80.5100", 3)],
    "0402W": [("81.5100x003", 4), ("79.3500", 3)],
    "0403": [("01.2400", 4), ("01.5900", 4), ("02.3400", 3)],
    "0404": [("36.1000", 4), ("32.4100", 4), ("35.2100", 4)],
    "0405": [("56.0x00", 2), ("60.2100", 3), ("57.4900", 2)],
    "0501": [("74.1x00", 2), ("68.4900", 3), ("73.5900", 1)],
}
GENERIC_OPS = [("86.2200", 1), ("54.1100", 2), ("36.0601", 3)]


def pick_weighted(rng, items, weights_cum, total):
    x = rng.random() * total
    lo, hi = 0, len(weights_cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if weights_cum[mid] > x:
            hi = mid
        else:
            lo = mid + 1
    return items[lo]


def los_days(rng):
    # 1..30, right-skewed, median about 6
    return min(30, max(1, int(rng.lognormvariate(1.8, 0.6))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discharges", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--end-month", default="2026-10", help="last month with discharges (YYYY-MM)")
    ap.add_argument("--months", type=int, default=24)
    ap.add_argument("--documents", action="store_true", help="also write record-documents.csv")
    a = ap.parse_args()
    drng = random.Random(a.seed + 1)
    n_doc = 0
    fd = open(f"{a.out}/record-documents.csv", "w", encoding="utf-8", newline="") if a.documents else None
    if fd:
        fd.write("encounter_id,doc_id,doc_type,event_time,written_time,author_id,author_title\n")

    rng = random.Random(a.seed)
    end_y, end_m = map(int, a.end_month.split("-"))
    end = dt.datetime(end_y + (end_m == 12), end_m % 12 + 1, 1)  # exclusive
    sy, sm = end_y, end_m - a.months + 1
    while sm < 1:
        sm += 12
        sy -= 1
    start = dt.datetime(sy, sm, 1)
    span_minutes = int((end - start).total_seconds() // 60)

    cum, t = [], 0
    for d in DEPARTMENTS:
        t += d[1]
        cum.append(t)
    total_w = t

    n_enc = 0
    n_proc = 0
    patient = 0
    fmt = "%Y-%m-%d %H:%M"
    with open(f"{a.out}/encounters.csv", "w", encoding="utf-8", newline="") as fe, \
            open(f"{a.out}/procedures.csv", "w", encoding="utf-8", newline="") as fp:
        fe.write("encounter_id,patient_id,sex,birth_date,admit_time,admit_dept,discharge_time,discharge_dept,"
                 "admission_route,principal_dx,other_dx,discharge_disposition,readmission_plan_31d,total_cost\n")
        fp.write("encounter_id,seq,code,op_time,surgery_level,incision_class,healing_grade,unplanned_return\n")
        ew, pw = fe.write, fp.write
        while n_enc < a.discharges:
            patient += 1
            pid = f"P{patient:09d}"
            dept = pick_weighted(rng, DEPARTMENTS, cum, total_w)
            sex = "2" if dept[0] == "0501" else ("1" if rng.random() < 0.5 else "2")
            if rng.random() < 0.002:
                sex = rng.choice("09")
            if dept[0] == "0601":
                age_days = rng.randrange(0, 14 * 365)
            elif dept[0] == "0501":
                age_days = rng.randrange(20 * 365, 45 * 365)
            else:
                age_days = int(max(16, min(99, rng.gauss(58, 17))) * 365.25) + rng.randrange(365)
            # number of stays: 65% one, then geometric
            stays = 1
            while rng.random() < (0.35 if stays == 1 else 0.45) and stays < 12:
                stays += 1
            birth = (start - dt.timedelta(days=age_days)).date()
            admit = start + dt.timedelta(minutes=rng.randrange(span_minutes))
            for k in range(stays):
                if n_enc >= a.discharges:
                    break
                if k > 0:
                    if rng.random() < 0.7:
                        dept = pick_weighted(rng, DEPARTMENTS, cum, total_w) if rng.random() < 0.3 else dept
                    gap = rng.randrange(1, 32) if rng.random() < 0.15 else rng.randrange(32, 400)
                    admit = discharge.replace(hour=rng.randrange(24), minute=rng.randrange(60)) + dt.timedelta(days=gap)
                los = los_days(rng)
                discharge = admit.replace(hour=rng.randrange(8, 18), minute=rng.randrange(60)) + dt.timedelta(days=los)
                if discharge >= end:
                    break
                n_enc += 1
                eid = f"ZY{n_enc:010d}"
                code = dept[0]
                admit_dept = code
                route = "2"
                r = rng.random()
                if r < 0.02:
                    admit_dept = rng.choice(("0701", "0801"))
                    route = "1"
                elif r < 0.30:
                    route = "1"
                elif r < 0.33:
                    route = "3"
                elif r < 0.35:
                    route = "9"
                r = rng.random()
                if r < dept[3]:
                    disp = "5"
                elif r < 0.90:
                    disp = "1"
                elif r < 0.94:
                    disp = "2"
                elif r < 0.97:
                    disp = "3"
                elif r < 0.99:
                    disp = "4"
                else:
                    disp = "9"
                plan = "2" if rng.random() < 0.05 else "1"
                dx = rng.choice(dept[4])
                n_other = rng.randrange(4)
                other = ";".join(rng.sample(OTHER_DX, n_other)) if n_other else ""
                cost = f"{rng.lognormvariate(9.5, 0.8) * (1 + los / 10):.2f}"
                ew(f"{eid},{pid},{sex},{birth:%Y-%m-%d},{admit:{fmt}},{admit_dept},{discharge:{fmt}},{code},"
                   f"{route},{dx},{other},{disp},{plan},{cost}\n")
                n_proc_here = 0
                op_times = []
                if rng.random() < dept[2]:
                    ops = OPERATIONS.get(code, GENERIC_OPS)
                    n_ops = 1 if rng.random() < 0.8 else (2 if rng.random() < 0.8 else 3)
                    unplanned_at = 0
                    if n_ops > 1 and rng.random() < 0.06:  # ~1% of surgical stays
                        unplanned_at = rng.randrange(2, n_ops + 1)
                    stay_min = int((discharge - admit).total_seconds() // 60)
                    for seq in range(1, n_ops + 1):
                        op, level = rng.choice(ops)
                        op_time = admit + dt.timedelta(minutes=rng.randrange(max(1, stay_min)))
                        r = rng.random()
                        inc = "I" if r < 0.45 else "II" if r < 0.85 else "III" if r < 0.90 else "0"
                        if inc == "I":
                            heal = "C" if rng.random() < 0.01 else ("A" if rng.random() < 0.97 else "B")
                        elif inc == "0":
                            heal = "X"
                        else:
                            heal = "C" if rng.random() < 0.03 else "A"
                        ret = "Y" if seq == unplanned_at else "N"
                        pw(f"{eid},{seq},{op},{op_time:{fmt}},{level},{inc},{heal},{ret}\n")
                        op_times.append(op_time)
                        n_proc_here += 1
                elif rng.random() < 0.10:
                    op_time = admit + dt.timedelta(hours=rng.randrange(1, 24))
                    pw(f"{eid},1,{rng.choice(PROCEDURES_0)},{op_time:{fmt}},0,,,\n")
                    n_proc_here = 1
                n_proc += n_proc_here
                if fd:
                    n_doc += documents(drng, fd, eid, code, admit_dept, admit, discharge, disp, op_times)
    if fd:
        fd.close()
    docs = f" documents={n_doc}" if fd else ""
    print(f"encounters={n_enc} procedures={n_proc}{docs} patients={patient} from={start:%Y-%m} to={a.end_month}")


def documents(rng, out, eid, dept, admit_dept, admit, discharge, disp, op_times):
    """Writes the documents of one stay; returns how many."""
    fmt = "%Y-%m-%d %H:%M"
    hour = dt.timedelta(hours=1)
    staff = f"D{dept[:4]}{rng.randrange(1, 9):03d}"
    rows = []

    def doc(doc_type, limit_from, limit_h, event=None):
        r = rng.random()
        if r < 0.02:
            return  # missing
        if r < 0.06:  # late: 1 to 48 hours after the deadline
            written = limit_from + limit_h * hour + dt.timedelta(minutes=rng.randrange(1, 48 * 60))
        else:  # on time, sometimes exactly at the deadline
            written = limit_from + (limit_h * hour if rng.random() < 0.01
                                    else dt.timedelta(minutes=rng.randrange(max(1, int(limit_h * 60)))))
        ev = f"{event:{fmt}}" if event else ""
        rows.append(f"{eid},{eid}-{len(rows) + 1},{doc_type},{ev},{written:{fmt}},{staff},ATTENDING\n")

    stay = discharge - admit
    if stay < 24 * hour and disp != "5":
        doc("ADMISSION_DISCHARGE_RECORD", discharge, 24)
    else:
        doc("ADMISSION_RECORD", admit, 24)
    doc("FIRST_PROGRESS_NOTE", admit, 8)
    if stay >= 48 * hour:
        doc("ATTENDING_FIRST_ROUND", admit, 48)
    days = stay.days
    for k in range(min(2, days // 3)):
        doc("PROGRESS_NOTE", admit + dt.timedelta(days=3 * k + 1), 24)
    if disp == "5":
        if rng.random() < 0.5:
            doc("RESCUE_RECORD", discharge - 2 * hour, 6, discharge - 2 * hour)
        doc("DEATH_RECORD", discharge, 24)
        doc("DEATH_DISCUSSION", discharge, 7 * 24)
    elif stay >= 24 * hour:
        doc("DISCHARGE_RECORD", discharge, 24)
    for op_time in op_times:
        end = op_time + dt.timedelta(minutes=rng.randrange(30, 300))
        doc("SURGICAL_CONSENT", op_time - 24 * hour, 23)
        doc("OPERATION_RECORD", end, 24, end)
        doc("POSTOP_FIRST_NOTE", end, 0, end)
    if admit_dept != dept:
        moved = admit + dt.timedelta(minutes=rng.randrange(max(1, int(stay.total_seconds() // 60))))
        doc("TRANSFER_IN_NOTE", moved, 24, moved)
    out.writelines(rows)
    return len(rows)


if __name__ == "__main__":
    main()
