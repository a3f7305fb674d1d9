#!/bin/sh
# SLA deadlines in the list (R2 §3.2.2, R2 §3.2.3, R1 §7.2): a chassis /
# engine complaint not answered within 12 hours is marked overdue ("!") in
# the Due column and listed by the Overdue view (2); a body fault within
# 100 km (24 hours) still running is not in it, nor one answered in time.
. "$AS_TOP/tests/tui/lib.sh"

T0=1795000000
new() { AFTERSALES_NOW=$T0 as admin new complaint --set phone=1380000000$1 \
	--set description=d$1 --set customer_name="$2" "$3" "$4" "$5" "$6"; }
a=$(new 1 客户甲 --set fault_class=chassis_engine --set distance_km=300) || fail "CLI new"
b=$(new 2 客户乙 --set fault_class=body --set distance_km=50) || fail "CLI new"
c=$(new 3 客户丙 --set fault_class=chassis_engine --set distance_km=20) || fail "CLI new"
AFTERSALES_NOW=$((T0 + 3600)) as branch_manager do "$c" accept \
	--set category=quality --set owner=zhangwei >/dev/null || fail "accept"
# R1 §7.2: the first answer to the customer, not the acceptance, stops it
AFTERSALES_NOW=$((T0 + 3600)) as branch_manager edit "$c" --set \
	"answered_at=$(TZ=Asia/Shanghai date -d @$((T0 + 3600)) '+%Y-%m-%d %H:%M')" \
	>/dev/null || fail "answered_at"

# 20 hours later: a is 8 hours late, b has 4 of its 24 hours left
start 100 24 admin AFTERSALES_NOW=$((T0 + 20 * 3600))
keys 3
wait_view 3 || fail "3 did not show All open"
wait_for "$a" && wait_for "$b" && wait_for "$c" || fail "All open does not list $a $b $c"
wait_until row_has "$a" '!8h' || fail "$a not marked overdue (!8h)"
wait_until row_has "$b" ' 4h' || fail "$b does not show 4h left"
screen | grep "$b" | grep -q '!' && fail "$b marked overdue"
screen | grep "$c" | grep -q '!' && fail "$c (answered in time) marked"
keys 2
wait_view 2 || fail "2 did not show Overdue"
wait_gone "$c" || fail "the Overdue view still lists $c"
wait_for "$a" || fail "the Overdue view does not list $a"
screen | grep -q "$b" && fail "the Overdue view lists $b (not due yet)"
keys Enter
wait_for "响应时限" || fail "the detail view does not show the clock"
wait_for "已超时 8 小时" || fail "the detail view does not say how late"
keys q
exit 0
