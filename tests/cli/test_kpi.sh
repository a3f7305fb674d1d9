#!/bin/sh
# The KPI figures of R2 §3.2.1 checked against a month computed by hand
# (October 2026, Asia/Shanghai; the clock of the test is 2026-11-18):
#
#   timeliness (服务及时率, clocks met over clocks that fell due in the
#   month, the open overdue ones included; target >= 90 %):
#     J1 east eng1  opened 10-01 08:00, done 10-01 20:00  due 10-02  met
#     J2 east eng1  opened 10-05 08:00, done 10-07 08:00  due 10-06  late
#     J3 west eng2  opened 10-10 08:00, still open        due 10-11  open overdue
#     J4 west eng2  opened 10-31 20:00, done 11-01 10:00  due 11-01  (November)
#     J5 east eng1  opened 09-30 20:00, done 10-01 09:00  due 10-01  met
#     J6 west eng2  opened 10-20 08:00, done 10-20 09:00  due 10-21  met
#     J7 east eng1  opened 11-18 08:00, open, not yet due  (November, not counted)
#   -> 3 of 5 = 60.0 %, missed; east 2/3 = 66.7 %, west 1/2 = 50.0 %;
#   the inner clock (1 h, timeliness: false) would make J1, J2, J6 late.
#
#   satisfaction (用户满意程度, surveys with a score >= 75 % over the
#   surveys scored; target >= 85 %):
#     V1 east eng1 10-03 answer 5 (100 %) satisfied
#     V2 east eng1 10-04 answer 4 (75 %)  satisfied (the boundary)
#     V3 west eng2 10-05 answer 3 (50 %)  unsatisfied
#     V4 west eng2 10-06 not answered     not counted
#     V5 east eng1 09-28 answer 5         September
#   -> 2 of 3 = 66.7 %, missed; east 2/2 = 100.0 % met.
#
#   complaint rate (用户抱怨率, complaints received in the month whose
#   responsible department is service, over the jobs done in the month;
#   target < 3 %):
#     K1 east 10-08 service (service-caused), K2 east 10-09 production,
#     K3 west 09-15 service (September)
#     jobs done in October: J1, J2, J5, J6
#   -> 1 of 4 = 25.0 %, missed.
#   November: timeliness J4 1/1 met, complaint rate 0 of 1 (J4) met.
. "${AS_TOP:-.}/tests/cli/lib.sh"

export AFTERSALES_CONFIG=$TOP/tests/cli/data/kpi.yaml
export AFTERSALES_USER=boss
rm -rf "$AFTERSALES_DB"
as init "$AFTERSALES_DB" >/dev/null || { echo "FAIL: init"; exit 1; }

job() { # unit engineer opened [done]
	if [ $# = 4 ]; then
		as new job --set unit=$1 --set engineer=$2 --set "opened_at=$3" \
			--set "done_at=$4" >/dev/null
	else
		as new job --set unit=$1 --set engineer=$2 --set "opened_at=$3" \
			>/dev/null
	fi || { echo "FAIL: new job $*"; failures=$((failures + 1)); }
}
poll() { # unit engineer answered [answer]
	if [ $# = 4 ]; then
		as new poll --set unit=$1 --set engineer=$2 \
			--set "answered_at=$3" --set q1=$4 >/dev/null
	else
		as new poll --set unit=$1 --set engineer=$2 \
			--set "answered_at=$3" >/dev/null
	fi || { echo "FAIL: new poll $*"; failures=$((failures + 1)); }
}
gripe() { # unit owner received dept
	as new gripe --set unit=$1 --set owner=$2 --set "received_at=$3" \
		--set dept=$4 >/dev/null ||
		{ echo "FAIL: new gripe $*"; failures=$((failures + 1)); }
}

job east eng1 '2026-10-01 08:00' '2026-10-01 20:00'
job east eng1 '2026-10-05 08:00' '2026-10-07 08:00'
job west eng2 '2026-10-10 08:00'
job west eng2 '2026-10-31 20:00' '2026-11-01 10:00'
job east eng1 '2026-09-30 20:00' '2026-10-01 09:00'
job west eng2 '2026-10-20 08:00' '2026-10-20 09:00'
job east eng1 '2026-11-18 08:00'
poll east eng1 '2026-10-03 10:00' 5
poll east eng1 '2026-10-04 10:00' 4
poll west eng2 '2026-10-05 10:00' 3
poll west eng2 '2026-10-06 10:00'
poll east eng1 '2026-09-28 10:00' 5
gripe east eng1 '2026-10-08 10:00' service
gripe east eng1 '2026-10-09 10:00' production
gripe west eng2 '2026-09-15 10:00' service

# R2 §3.2.1: each figure's value, numerator, denominator, target, met
json=$(as report kpi --month 2026-10 --format json)
fig() { # name value num den target met
	want="\"$1\": {\"value\": $2, \"numerator\": $3, \"denominator\": $4, \"target\": $5,"
	echo "$json" | grep -qF "$want" && echo "$json" | grep "\"$1\": {" |
		grep -q "\"met\": $6}" ||
		{ echo "FAIL: $1 of 2026-10 is not $2 ($3/$4, met $6):"; echo "$json"; failures=$((failures + 1)); }
}
fig timeliness 60.0 3 5 90 false
fig satisfaction 66.7 2 3 85 false
fig complaint_rate 25.0 1 4 3 false
# the python reading of the same json: valid, and the same figures
if command -v python3 >/dev/null 2>&1; then
	echo "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
want = {"timeliness": (60.0, 3, 5, False), "satisfaction": (66.7, 2, 3, False),
        "complaint_rate": (25.0, 1, 4, False)}
for k, (v, n, m, met) in want.items():
    f = d[k]
    assert (f["value"], f["numerator"], f["denominator"], f["met"]) == (v, n, m, met), (k, f)
eng = {(r["figure"], r["login"]): (r["numerator"], r["denominator"]) for r in d["by_engineer"]}
assert eng[("timeliness", "eng1")] == (2, 3) and eng[("timeliness", "eng2")] == (1, 2), eng
unit = {(r["figure"], r["unit_id"]): (r["value"], r["met"]) for r in d["by_unit"]}
assert unit[("satisfaction", "east")] == (100.0, True), unit
assert unit[("satisfaction", "west")] == (0.0, False), unit
' || { echo "FAIL: the json of report kpi"; failures=$((failures + 1)); }
fi
# November: J4 met, J7 not yet due; no service-caused complaint: met
json=$(as report kpi --month 2026-11 --format json)
fig timeliness 100.0 1 1 90 true
fig satisfaction null 0 0 85 null
fig complaint_rate 0.0 0 1 3 true
# by unit: east and its figures only (its sub-units would count too)
json=$(as report kpi --month 2026-10 --unit east --format json)
fig timeliness 66.7 2 3 90 false
fig satisfaction 100.0 2 2 85 true
fig complaint_rate 33.3 1 3 3 false
# the unit may be named by its label; hq holds both
json=$(as report kpi --month 2026-10 --unit 总部 --format json)
fig timeliness 60.0 3 5 90 false

check kpi-text 0 as report kpi --month 2026-10
check kpi-text-en 0 as --lang en report kpi --month 2026-10 --unit west
check kpi-csv 0 as --lang en report kpi --month 2026-10 --format csv
check kpi-bad-month 2 as --lang en report kpi --month 2026-13
check kpi-bad-unit 3 as --lang en report kpi --month 2026-10 --unit north
# the register of the month (R1 §5.1): October's two complaints
check kpi-register 0 as --lang en report register --month 2026-10

# the office's spreadsheet: the xlsx opens (a zip of XML parts), has one
# sheet per table and the header row; the missed figures are red
as --lang en report kpi --month 2026-10 --format xlsx >"$T/kpi.xlsx" ||
	{ echo "FAIL: report kpi --format xlsx"; failures=$((failures + 1)); }
as report register --month 2026-10 --format xlsx >"$T/reg.xlsx" ||
	{ echo "FAIL: report register --format xlsx"; failures=$((failures + 1)); }
unzip -tq "$T/kpi.xlsx" >/dev/null ||
	{ echo "FAIL: kpi.xlsx is no zip"; failures=$((failures + 1)); }
python3 - "$T/kpi.xlsx" "$T/reg.xlsx" <<'PY' || { echo "FAIL: the xlsx parts"; failures=$((failures + 1)); }
import re, sys, zipfile
from xml.etree import ElementTree as ET
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}

def book(path):
    z = zipfile.ZipFile(path)
    assert z.testzip() is None
    names = z.namelist()
    for part in ("[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml"):
        assert part in names, (path, part, names)
    for n in names:
        if n.endswith(".xml") or n.endswith(".rels"):
            ET.fromstring(z.read(n))          # every part is well-formed XML
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    sheets = [s.get("name") for s in wb.find("m:sheets", NS)]
    strings = []
    if "xl/sharedStrings.xml" in names:
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    def row(sheet, r):
        ws = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % sheet))
        for rw in ws.iter("{%s}row" % NS["m"]):
            if rw.get("r") == str(r):
                out = []
                for c in rw.findall("m:c", NS):
                    v = c.find("m:v", NS)
                    out.append(strings[int(v.text)] if c.get("t") == "s" else
                               (v.text if v is not None else ""))
                return out
        return None
    return sheets, row

sheets, row = book(sys.argv[1])
assert sheets == ["Service KPIs 2026-10", "By unit", "By engineer"], sheets
assert row(1, 1) == ["Figure", "Label", "Value", "Numerator", "Denominator",
                     "Target", "Met"], row(1, 1)
assert row(1, 2)[:5] == ["timeliness", "Timeliness", "60", "3", "5"], row(1, 2)
assert row(2, 1)[:3] == ["Figure", "Unit", "Name"], row(2, 1)
z = zipfile.ZipFile(sys.argv[1])
assert b'rgb="FFFF0000"' in z.read("xl/styles.xml")    # a red font
ws = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
a2 = [c for c in ws.iter("{%s}c" % NS["m"]) if c.get("r") == "A2"][0]
assert a2.get("s") not in (None, "0"), "the missed figure's row is not styled"
sheets, row = book(sys.argv[2])
assert sheets == ["投诉登记表 2026-10"], sheets
assert row(1, 1) == ["编号", "登记时间", "责任部门", "负责人", "状态"], row(1, 1)
assert row(1, 2)[0] == "K2026-000001", row(1, 2)
PY

# a later write moves the record's keys in its own transaction: J3,
# open overdue, is found done on time after all (10-10 20:00): 4 of 5,
# and one more job done in October for the complaint rate
expect_rc 0 as edit J2026-3 --set 'done_at=2026-10-10 20:00'
json=$(as report kpi --month 2026-10 --format json)
fig timeliness 80.0 4 5 90 false
fig complaint_rate 20.0 1 5 3 false
# the keys are index entries: verify checks them
expect_rc 0 as verify
finish
