#!/bin/sh
# aftersales print NUMBER: a record's printed page from its type's print:
# layout.  The complaint's customer opinion form (客户意见处理表, R1 §5.1)
# and a service report (服务报告, R2 §3.3.2: the user signs after the
# service, the sign code printed once signed; the visit type of
# tests/cli/data/warranty.yaml stands for the work order): 80 columns of
# UTF-8 text aligned by display width, checked against golden files.
. "$(dirname "$0")/lib.sh"
export AFTERSALES_CONFIG=$TOP/tests/cli/data/warranty.yaml
export AFTERSALES_USER=admin

# width NAME FILE: no line of FILE is wider than 80 columns
width() {
	w=$(wc -L <"$2")
	if [ "$w" -gt 80 ]; then
		echo "FAIL $1: a line is $w columns wide"
		failures=$((failures + 1))
	fi
}

printf 'serial,model,delivered_on,line,supplier_parts.component,supplier_parts.supplier\nLZY-0001,ZK6122H,2024-05-01,1,发动机,潍柴动力\n' >"$T/p.csv"
as import products "$T/p.csv" >/dev/null
c=$(as new complaint --set customer_name=郑州市公共交通总公司第三分公司 \
	--set customer_org=郑州公交 --set phone=0371-65512345 \
	--set address='河南省郑州市金水区花园路 88 号 (north gate)' \
	--set model=ZK6122H --set serial=LZY-0001 --set component=发动机 \
	--set channel=phone --set fault_class=body --set distance_km=80 \
	--set description="$(printf '车辆行驶中发动机异响，怠速时抖动明显，用户要求尽快派人到现场检查。The engine knocks at idle and the customer asks for a visit as soon as possible.\n第二行：已停运')")
as --user branch_manager do "$c" accept --set category=quality \
	--set owner=zhangwei >/dev/null
# R1 §5.1: the customer opinion form, unsigned: a blank to sign on
check print_complaint 0 as print "$c"
check print_complaint_en 0 as --lang en print "$c"
as print "$c" >"$T/c.txt"
width complaint "$T/c.txt"

# R2 §3.3.2: the service report before the signature has blanks for it;
# once signed it shows the signer, the time, the comment and the code
v=$(as new visit --set serial=LZY-0001 --set mileage_km=52000 \
	--set running_hours=1200 --set component=发动机 \
	--set arrived_at='2026-11-18 14:00')
as edit "$v" --set note='更换喷油器，试车正常' \
	--set 'parts_replaced=[{"part":"喷油器 INJ-22","quantity":6,"reason":"积碳"},{"part":"O-ring","quantity":12}]' >/dev/null
check print_report_unsigned 0 as print "$v"
# (the work order derives its sign code from the report at its sign
# step; here it is typed in before)
as edit "$v" --set sign_code=7F3A-92C1 >/dev/null
as do "$v" sign --set signed_by=张三 --set signed_at='2026-11-18 15:30' \
	--set customer_comment='服务及时，满意。' >/dev/null
check print_report_signed 0 as --lang en print "$v"
check print_report_signed_zh 0 as print "$v"
as print "$v" >"$T/v.txt"
width report "$T/v.txt"

# a type without print: and a number that does not exist
check print_no_layout 3 as --lang en print P2026-000001
check print_missing 3 as --lang en print C2026-000999

finish
