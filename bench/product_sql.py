#!/usr/bin/env python3
"""Writes the product's SQL for the five core indicators (grouped by department) as psql scripts.

The text is taken from src/main/java/org/careqms/indicators/IndicatorResults.java at run time, so the
benchmark always measures the SQL of the checked-out code: `with <DISCHARGES>, rows as (<SQL>)` plus the
by-department select of IndicatorResults.results(). Named parameters become psql variables.
"""
import re
import sys

CODES = {"MORT-INPT": "MORTALITY", "ALOS": "LENGTH_OF_STAY", "READM-31-UNPLANNED": "UNPLANNED_READMISSION_31",
         "SSI-I": "SSI_CLASS_I", "UNPLANNED-REOP": "UNPLANNED_REOPERATION"}
BY_DEPARTMENT = ("select period, department_id, numerator, denominator from rows\n"
                 "where denominator > 0  order by period, department_id")


def main(source, out_dir):
    text = open(source, encoding="utf-8").read()
    discharges = re.search(r'DISCHARGES = """(.*?)""";', text, re.S).group(1)
    for code, computation in CODES.items():
        m = re.search(r'SQL\.put\(Computation\.' + computation + r', """(.*?)"""\);', text, re.S)
        if not m:
            sys.exit(f"cannot find the SQL of {computation} in {source}")
        sql = "with " + discharges.strip() + ", rows as (" + m.group(1).strip() + ")\n" + BY_DEPARTMENT
        sql = re.sub(r"(?<!:):hospital\b", ":'hospital'::uuid", sql)
        sql = re.sub(r"(?<!:):from\b", ":'from'::timestamp", sql)
        sql = re.sub(r"(?<!:):to\b", ":'to'::timestamp", sql)
        with open(f"{out_dir}/{code}.sql", "w", encoding="utf-8") as f:
            f.write(f"-- generated from IndicatorResults.java ({computation})\n{sql};\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
