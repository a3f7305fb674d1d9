#!/bin/sh
# Several running clocks per record (issue 8): the response clock (R1 §7.2,
# R2 §3.2.3: chassis / engine, 12 h) and the investigation stage clock (our
# 120 h, no clause).  The Due column and the Overdue view follow the
# earliest running clock of each record, whichever it is: a complaint
# whose customer was answered still shows, and is overdue by, its stage
# clock; the detail view lists every clock.
. "$AS_TOP/tests/tui/lib.sh"

T0=1795000000
at() { TZ=Asia/Shanghai date -d @"$1" '+%Y-%m-%d %H:%M'; }
new() { AFTERSALES_NOW=$T0 as admin new complaint --set phone=1380000000$1 \
	--set description=d$1 --set customer_name="$2" "$3" "$4"; }
investigate() {
	AFTERSALES_NOW=$((T0 + 3600)) as branch_manager do "$1" accept \
		--set category=quality --set owner=zhangwei >/dev/null || fail "accept"
	AFTERSALES_NOW=$((T0 + 3600)) as admin do "$1" investigate >/dev/null ||
		fail "investigate"
}
a=$(new 1 客户甲 --set fault_class=chassis_engine) || fail "CLI new"
b=$(new 2 客户乙 --set fault_class=chassis_engine) || fail "CLI new"
c=$(new 3 客户丙 --set fault_class=other) || fail "CLI new"
investigate "$a"
investigate "$b"
AFTERSALES_NOW=$((T0 + 3600)) as engineer edit "$b" \
	--set "answered_at=$(at $((T0 + 3600)))" >/dev/null || fail "answered_at"

# 20 hours on: a's response is 8 h late; b runs on its investigation clock
start 100 24 admin AFTERSALES_NOW=$((T0 + 20 * 3600))
keys 3
wait_view 3 || fail "3 did not show All open"
wait_for "$a" && wait_for "$b" && wait_for "$c" || fail "All open does not list $a $b $c"
wait_until row_has "$a" '!8h' || fail "$a not marked overdue (!8h)"
wait_until row_has "$b" ' 4d' || fail "$b does not show its stage clock (4d)"
wait_until row_has "$c" ' 4h' || fail "$c does not show 4h left"
screen | grep "$b" | grep -q '!' && fail "$b (answered, stage clock running) marked"
keys 2
wait_view 2 || fail "2 did not show Overdue"
wait_for "$a" || fail "the Overdue view does not list $a"
wait_gone "$c" || fail "the Overdue view still lists $c"
screen | grep -q "$b" && fail "the Overdue view lists $b (not due yet)"
keys Enter
wait_for "原因调查时限" || fail "the detail view does not show the stage clock"
wait_for "已超时 8 小时" || fail "the detail view does not say how late"
wait_for "响应时限" || fail "the detail view does not show the response clock"
keys q
stop_server

# 130 hours on: every clock is overdue; b by its investigation clock (9 h)
start 100 24 admin AFTERSALES_NOW=$((T0 + 130 * 3600))
keys 2
wait_view 2 || fail "2 did not show Overdue"
wait_for "$c" || fail "the Overdue view does not list $c"
wait_until row_has "$b" '!9h' || fail "$b not overdue by its stage clock (!9h)"
[ "$(screen | grep -c "$a")" = 1 ] || fail "$a not listed exactly once"
screen | grep -q "$a" || fail "the Overdue view does not list $a"
keys q
exit 0
