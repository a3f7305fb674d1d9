#!/bin/sh
# Calls and letters in the workstation (issue 8, R2 §3.5): the shipped
# configuration shows two tabs, complaints and calls, each with its count;
# the calls tab opens in its declared view (open) with the call's own
# columns (the log: when it came in, the caller, the subject), and Enter
# opens a call in the same detail view, its link to the complaint
# registered from it included.
. "$AS_TOP/tests/tui/lib.sh"

as admin new complaint --set customer_name=郑州客运 --set phone=13800000001 \
	--set description=空调不制冷 >/dev/null || fail "CLI new complaint"
as engineer new call --set channel=phone --set caller=周先生 \
	--set phone=13800138000 --set subject=空调不制冷 --set content=不出冷风 \
	--set fault_class=body --set 'received_at=2026-11-18 08:00' >/dev/null ||
	fail "CLI new call 1"
as engineer new call --set channel=letter --set caller=吴女士 \
	--set subject=发动机异响 --set content=怠速异响 \
	--set fault_class=chassis_engine >/dev/null || fail "CLI new call 2"
as engineer new call --set channel=visit --set caller=郑先生 \
	--set phone=139-0000-1234 --set subject=车门异响 --set content=关门异响 \
	--set fault_class=body >/dev/null || fail "CLI new call 3"
as engineer do L2026-000003 to_complaint >/dev/null || fail "CLI to_complaint"

start 120 30 admin
wait_for "我的待办" || fail "no list"
row=$(screen | sed -n 2p | tr -d ' ')
case "$row" in "客户投诉2来电来函3工作指令0产品档案0顾客满意度调查表0备件0"*) ;;
	*) fail "tabs and counts: $row" ;; esac
keys Tab
wait_for "L2026-000003" || fail "Tab did not show the calls"
# the declared view (open) and the call's own columns
wait_for " 3 全部未结 3 " || fail "the calls' open view does not count 3"
wait_for "来电人" || fail "no caller column"
wait_for "事由" || fail "no subject column"
wait_for "吴女士" || fail "the letter is not listed"
screen | grep -q "产品编号" && fail "a complaint column on the calls tab"
# Enter opens the call under the cursor (the first: L2026-000001)
keys Enter
wait_for "L2026-000001  来电来函" || fail "Enter did not open the call"
wait_for "周先生" || fail "the call's fields are not shown"
wait_for "不出冷风" || fail "the call's content is not shown"
keys Escape
wait_for " 3 全部未结 3 " || fail "Esc did not return to the calls"
# the third call, turned into a complaint: its link shows, both ways
keys Down Down Enter
wait_for "L2026-000003  来电来函" || fail "Enter did not open the third call"
wait_for "客户投诉 C2026-000002" || fail "the call's complaint link is not shown"
keys Escape
wait_for " 3 全部未结 3 " || fail "Esc did not return to the calls again"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
