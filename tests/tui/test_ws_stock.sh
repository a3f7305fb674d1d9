#!/bin/sh
# The store's views in the workstation (R2 §3.7, issue 11): S in the list
# opens them; 1 the stock on hand per account and part, aligned by display
# width at 80x24; Enter a part's movements on that account with the
# balance after each (R2 §3.7.1); 3 the parts below their minimum stock;
# 4 the parts out with the engineers per work order (R2 §3.6.1, §3.7.4);
# x writes the view as csv to the home folder.  A station clerk sees only
# the station's account (R2 §3.7.6).  Requisitions waiting and old parts
# waiting are list views of their types (see README).
. "$AS_TOP/tests/tui/lib.sh"

cat >"$D/parts.csv" <<'CSV'
code,barcode,name,name_en,spec,unit,supplier,unit_cost,min_stock
BRK-001,6901234500011,制动蹄片,Brake shoe,ZK6128 前轮,套,瑞立集团,86.50,5
FLT-200,6901234500028,机油滤清器,Oil filter,JX0818,个,平原滤清器,32.00,10
MB-100,6901234500035,门泵总成,Door pump,BF-30,件,宇通配套,460.00,1
CSV
as admin import parts "$D/parts.csv" >/dev/null || fail "import parts"
# R2 §3.7.2: receipts into the central store and the Luoyang station
as store_clerk new receipt --set account=central \
	--set 'lines=[{"part":"BRK-001","quantity":6},{"part":"FLT-200","quantity":12},{"part":"MB-100","quantity":2}]' >/dev/null &&
as store_clerk do R2026-000001 post >/dev/null || fail "receipt central"
as wangli new receipt --set account=station_luoyang \
	--set 'lines=[{"part":"FLT-200","quantity":3}]' >/dev/null &&
as wangli do R2026-000002 post >/dev/null || fail "receipt station"
# a work order, and its requisition of both door pumps, issued
as admin new complaint --force --set customer_name=王建国 \
	--set customer_org=郑州公交集团 --set phone=13803710001 \
	--set address=河南省郑州市金水区花园路8号 \
	--set model='ZK6128HGA 城市客车' --set serial=LZYTBGCK0001 \
	--set description=前门开关时异响 --set fault_class=body \
	--set distance_km=80 --set 'received_at=2026-11-18 08:00' >/dev/null &&
as branch_manager do C2026-000001 accept --set category=quality \
	--set owner=engineer >/dev/null &&
as branch_manager do C2026-000001 dispatch_service >/dev/null ||
	fail "the work order"
as engineer new requisition --set workorder=W2026-000001 \
	--set 'lines=[{"part":"MB-100","quantity":2}]' >/dev/null &&
as branch_manager do G2026-000001 approve --set approved_by=branch_manager >/dev/null &&
as store_clerk do G2026-000001 issue \
	--set 'issue_now=[{"part":"MB-100","quantity":2}]' >/dev/null ||
	fail "the requisition"

mkdir "$D/home"
start 80 24 store_clerk HOME="$D/home"
keys S
wait_for " 1 结存 " || fail "S did not open the store's views"
# 1: on hand per account and part, the columns lined up by display width
# (the Chinese account and part names are two columns a character)
wait_for "总库       BRK-001        制动蹄片                  6 套        5" ||
	fail "the central store's brake shoes"
wait_for "总库       FLT-200        机油滤清器               12 个       10" ||
	fail "the central store's oil filters"
wait_for "总库       MB-100         门泵总成                  0 件        1 低于最低库存" ||
	fail "the door pumps below their minimum"
wait_for "已领用     MB-100         门泵总成                  2 件        1" ||
	fail "the door pumps out with the engineers"
[ "$(col_of "$(line_with 'BRK-001')" ' 6 ')" = "$(col_of "$(line_with 'FLT-200')" '12 ')" ] ||
	fail "the balances are not lined up"
# the station's account is not the central clerk's (R2 §3.7.6)
screen | grep -q "洛阳服务站" && fail "the central clerk sees the station's stock"
# Enter: the part's movements on that account, with the balance after
keys Enter
wait_for "BRK-001 总库" || fail "Enter did not show the movements"
wait_for "R2026-000001  1 总库                      +6 6" ||
	fail "the receipt's movement and the balance after it"
keys Escape
wait_for "账户       编码           名称" || fail "Esc did not come back to on hand"
keys Down Down Down Enter
wait_for "MB-100 已领用" || fail "Enter on the issued door pumps"
wait_for "G2026-000001  1 已领用    W2026-000001    +2 2" ||
	fail "the issue names its work order (R2 §3.6.1)"
# 3: below the minimum of the central store
keys 3
wait_for "3 低于最低库存  4 按工作指令领用  总库" || fail "3 did not show below minimum"
wait_for "总库       MB-100         门泵总成                  0 件        1 低于最低库存" ||
	fail "the door pumps are not below their minimum"
screen | grep -q "BRK-001" && fail "the brake shoes (6 of 5) shown below their minimum"
# 4: the parts out with the engineers per work order (R2 §3.6.1, §3.7.4)
keys 4
wait_for "已领用     W2026-000001  MB-100         门泵总成                  2 件" ||
	fail "4 did not show the door pumps of the work order"
# x: the view as csv in the home folder
keys x
wait_for "已导出 1 行" || fail "x did not export"
grep -q '"已领用","W2026-000001","MB-100","门泵总成","2","件"' \
	"$D"/home/aftersales-stock-issued-*.csv || fail "the csv: $(cat "$D"/home/*.csv)"
# Enter on a work order opens it
keys Enter
wait_for "W2026-000001" || fail "Enter did not open the work order"
wait_gone "4 按工作指令领用" || fail "the work order is not shown"
keys Escape
wait_for "4 按工作指令领用" || fail "Esc did not come back to the views"
keys Escape
wait_gone "4 按工作指令领用" || fail "Esc did not leave the views"
keys F10
wait_for "EXITED:0" || fail "F10 did not quit"
stop_server

# a station clerk sees the station's account alone (R2 §3.7.6)
start 80 24 wangli HOME="$D/home"
keys S
wait_for "洛阳服务站 FLT-200        机油滤清器                3 个       10" ||
	fail "the station clerk's oil filters"
screen | grep -q "总库" && fail "the station clerk sees the central store"
screen | grep -q "已领用" && fail "the station clerk sees the parts issued"
keys 3
wait_for "4 按工作指令领用  洛阳服务站" || fail "below minimum of the station"
wait_for "洛阳服务站 FLT-200        机油滤清器                3 个       10 低于最低库存" ||
	fail "the station's oil filters below their minimum"
keys F10
wait_for "EXITED:0" || fail "F10 did not quit"
echo "ok"
