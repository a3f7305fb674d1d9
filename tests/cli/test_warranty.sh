#!/bin/sh
# The product register and the warranty check (三包, R2 §3.3.1, §3.4.2):
# products imported from CSV and found by serial; the check computed at
# complaint intake and on site from the months since delivery, the
# kilometres and the running hours, in or out and why, naming the
# supplier of the failed component; recomputed when what it reads
# changes; never typed.  The visit type of tests/cli/data/warranty.yaml
# stands for the work order (its fields are the work order's).
. "$(dirname "$0")/lib.sh"
export AFTERSALES_CONFIG=$TOP/tests/cli/data/warranty.yaml
export AFTERSALES_USER=admin
# the clock: 2026-11-18 16:53 in Asia/Shanghai

# ok NAME WANT GOT: one assertion
ok() {
	if [ "$2" != "$3" ]; then
		echo "FAIL $1: want \"$2\", got \"$3\""
		failures=$((failures + 1))
	fi
}

# warranty N [LANG]: the shown warranty of record N
warranty() {
	as --lang "${2:-en}" show "$1" | sed -n 's/^Warranty  *//p; s/^三包  *//p' |
		head -1
}

cat >"$T/products.csv" <<'CSV'
serial,model,vehicle_no,customer,delivered_on,line,supplier_parts.component,supplier_parts.supplier
LZY-0001,ZK6122H,豫A12345,郑州公交,2023-11-18,1,发动机,潍柴动力
,,,,,2,空调,松芝
LZY-0002,ZK6122H,豫A54321,郑州公交,2023-08-01,,,
LZY-0003,ZK5040,豫B00001,洛阳客运,2025-11-18,,,
LZY-0004,XYZ100,,某公司,2025-01-01,,,
LZY-0005,ZK6122H,,郑州公交,2023-11-17,,,
CSV

# R2 §3.3.1: the register is loaded with import products
check warranty_import 0 as import products "$T/products.csv"
check warranty_products 0 as list product
# R2 §3.4.1: a product is found by its serial (as typed: case and dashes
# aside) or its vehicle number
check warranty_status_serial 0 as --lang en status lzy0002
check warranty_status_plate 0 as --lang en status 豫A54321

# R2 §3.3.1: the check at complaint intake, from the serial, as of when the
# complaint arrived.  36 months to the day is still in; the supplier of
# the failed part from the product's own parts (not the policy's 玉柴机器)
c1=$(as new complaint --set customer_name=张三 --set phone=13800138000 \
	--set description=发动机异响 --set serial=lzy0001 --set component=发动机)
ok intake_in "in: 36 months ≤ 36; supplier 潍柴动力 (发动机)" "$(warranty "$c1")"
ok intake_in_zh "三包期内：36 个月 ≤ 36；配套厂家 潍柴动力（发动机）" \
	"$(warranty "$c1" zh)"
# R2 §3.3.1: one day more is the 37th month: out, and why
c2=$(as new complaint --set customer_name=李四 --set phone=13800138001 \
	--set description=异响 --set serial=LZY-0005)
ok months_out "out: 37 months > 36" "$(warranty "$c2")"
c3=$(as new complaint --set customer_name=王五 --set phone=13800138002 \
	--set description=x --set serial=LZY-0002 --set component=空调)
ok months_out2 "out: 40 months > 36; supplier 松芝 (空调)" "$(warranty "$c3")"
# R2 §3.3.1: as of when the complaint arrived, not of its registration:
# correcting received_at computes it again
as edit "$c3" --set received_at='2026-07-31 09:00' >/dev/null
ok months_received "in: 36 months ≤ 36; supplier 松芝 (空调)" \
	"$(warranty "$c3")"
# no product, no policy: the check says it cannot tell, and why
c4=$(as new complaint --set customer_name=赵六 --set phone=13800138003 \
	--set description=x --set serial=NOPE-1)
ok unknown_serial "unknown: serial not in the product register" \
	"$(warranty "$c4")"
c5=$(as new complaint --set customer_name=钱七 --set phone=13800138004 \
	--set description=x --set serial=LZY-0004)
ok unknown_policy "unknown: no warranty policy for the model" \
	"$(warranty "$c5")"
# a complaint without a serial has no check at all
c6=$(as new complaint --set customer_name=孙八 --set phone=13800138005 \
	--set description=x)
ok no_serial "" "$(warranty "$c6")"

# R2 §3.4.2: on site, with the mileage and hours seen there: kilometres
v1=$(as new visit --set serial=LZY-0001 --set mileage_km=212000)
ok km_out "out: 212,000 km > 200,000" "$(warranty "$v1")"
v2=$(as new visit --set serial=LZY-0001 --set mileage_km=200000 \
	--set running_hours=8000)
ok km_in "in: 36 months ≤ 36, 200,000 km ≤ 200,000, 8,000 h ≤ 8,000" \
	"$(warranty "$v2")"
# R2 §3.4.2: running hours
v3=$(as new visit --set serial=LZY-0001 --set running_hours=8001)
ok hours_out "out: 8,001 h > 8,000" "$(warranty "$v3")"
# several reasons at once; the light bus policy (24 months, 100,000 km,
# no hours) and its supplier of the engine (R2 §3.8: whom to claim from)
v4=$(as new visit --set serial=LZY-0002 --set mileage_km=250000 \
	--set running_hours=9000)
ok all_out "out: 40 months > 36, 250,000 km > 200,000, 9,000 h > 8,000" \
	"$(warranty "$v4")"
v5=$(as new visit --set serial=LZY-0003 --set mileage_km=80000 \
	--set running_hours=99999 --set component=发动机)
ok policy_supplier "in: 12 months ≤ 24, 80,000 km ≤ 100,000; supplier 江铃 (发动机)" \
	"$(warranty "$v5")"
# the date of the visit counts, not the day it is typed in
v6=$(as new visit --set serial=LZY-0003 --set arrived_at='2027-11-19 10:00')
ok arrived_out "out: 25 months > 24" "$(warranty "$v6")"

# R2 §3.4.2: computed again when the mileage seen changes, in the
# history with the old and the new value (verify replays it)
as edit "$v5" --set mileage_km=120000 >/dev/null
ok km_recomputed "out: 120,000 km > 100,000; supplier 江铃 (发动机)" \
	"$(warranty "$v5")"
ok km_history "1" "$(as --lang en show "$v5" | grep -c \
	'Warranty: in: 12 months ≤ 24, 80,000 km ≤ 100,000; supplier 江铃 (发动机) → out: 120,000 km > 100,000; supplier 江铃 (发动机)')"
# an edit of anything else leaves it alone
as edit "$v5" --set note=看过 >/dev/null
ok other_edit "0" "$(as --lang en show "$v5" | sed -n '/(rev 3)/,$p' |
	grep -c Warranty)"

# the check is never typed: not at registration, not by an edit
check warranty_set_new 4 as --lang en new visit --set serial=LZY-0001 \
	--set warranty=in
check warranty_set_edit 4 as --lang en edit "$v1" --set warranty=in
# a condition on the verdict (R2 §3.3.4: outside the warranty the
# service is paid): sign needs it in, charge out
check warranty_when 4 as --lang en do "$v1" sign
check warranty_when_zh 4 as do "$v1" sign
expect_rc 0 as do "$v1" charge
expect_rc 0 as do "$v2" sign --set signed_by=张三 \
	--set signed_at='2026-11-18 15:00'
# R2 §3.3.2: signed, the report is frozen: the check stays what it was,
# even if the product register changes afterwards
expect_rc 0 as edit P2026-000001 --set delivered_on=2020-01-01
ok frozen "in: 36 months ≤ 36, 200,000 km ≤ 200,000, 8,000 h ≤ 8,000" \
	"$(warranty "$v2")"

# export gives the check as text; import computes it again
as export complaints --format csv >"$T/c.csv"
ok export_text 1 "$(grep -c '"in: 36 months ≤ 36; supplier 潍柴动力 (发动机)"' "$T/c.csv")"
expect_rc 0 as verify

finish
