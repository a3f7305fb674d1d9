#!/bin/sh
# Several users, one database: a change made by another process (the
# command line) shows in an open detail view and in an open list without
# a key press.  How long it took is printed, never judged: the test waits
# generously, so a busy machine does not fail it.
. "$AS_TOP/tests/tui/lib.sh"

n=$(as admin new complaint --set customer_name=钱七 --set phone=13800001111 \
	--set description=异响) || fail "CLI new"
start 80 24 admin
keys g
type_text "$n"
keys Enter
wait_for "$n  客户投诉  [已登记]" || fail "detail not open"

t0=$(now_ms)
as branch_manager do "$n" accept --set category=quality \
	--set owner=zhangwei >/dev/null || fail "CLI accept"
t1=$(now_ms)
wait_for "$n  客户投诉  [已受理]" || fail "detail did not refresh"
t2=$(now_ms)
echo "detail refreshed $((t2 - t1)) ms after the other process committed"
keys NPage
wait_for "负责人          张伟" || fail "new owner not shown"

keys Escape
wait_for "全部未结" || fail "no list"
keys 3
wait_view 3 || fail "3 did not switch the view"
wait_for "$n" || fail "not in All open"
as admin new complaint --set customer_name=孙八 --set phone=13800002222 \
	--set serial=LIVE-SN-2 --set description=漏水 >/dev/null || fail "new"
t1=$(now_ms)
wait_for "LIVE-SN-2" || fail "list did not show the new record"
t2=$(now_ms)
echo "list refreshed $((t2 - t1)) ms after the other process committed"
as admin edit C2026-000002 --set customer_name=孙八改 >/dev/null ||
	fail "CLI edit"
wait_for "孙八改" || fail "list did not show the edit"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
