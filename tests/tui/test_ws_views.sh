#!/bin/sh
# The views of the list, the help screen and the display language:
# F1 lists every key of the current screen; 2 (overdue) says when nothing
# is overdue; 5 picks a state; s reverses the
# number order; > sorts by the next column (test_ws_sort.sh pages through
# it) and < goes back; L switches labels to English; all of it usable
# on a terminal without colours (vt220).
. "$AS_TOP/tests/tui/lib.sh"

for i in 1 2 3; do
	as admin new complaint --set customer_name=客户$i --set phone=1380000000$i \
		--set description=d$i >/dev/null || fail "CLI new"
done
as branch_manager do C2026-000002 accept --set category=quality \
	--set owner=lina >/dev/null || fail "CLI accept"

start 80 24 admin TERM=vt220
keys F1
wait_for "按键帮助" || fail "F1 did not open the help"
wait_for "打开选中的记录" || fail "help lacks the list keys"
keys NPage
wait_for "选择排序列" || fail "help does not scroll to the rest"
wait_for "返回上一层" || fail "help lacks the global keys"
keys NPage
wait_for "切换显示语言" || fail "help lacks the language key"
keys x
wait_gone "按键帮助" || fail "a key did not close the help"
keys "?"
wait_for "按键帮助" || fail "? did not open the help"
keys Escape
wait_gone "按键帮助" || fail "Esc did not close the help"

keys 2
wait_view 2 || fail "2 did not switch the view"
wait_for "没有超期的记录" || fail "the overdue view does not explain itself"
keys 3
wait_view 3 || fail "3 did not switch the view"
wait_for "C2026-000003" || fail "All open"
keys 5
wait_for "按状态查看" || fail "5 did not open the state picker"
type_text "已受理"
keys Enter
wait_for "按状态:已受理" || fail "state view not shown"
wait_for "C2026-000002" || fail "accepted record missing"
screen | grep -q "C2026-000001" && fail "a registered record in the accepted view"
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_for "C2026-000003" || fail "All"
first=$(screen | grep -n "C2026-00000" | head -n 1)
case "$first" in *C2026-000001*) ;; *) fail "not ascending: $first" ;; esac
keys s
wait_for "编号↓" || fail "s did not reverse"
first=$(screen | grep -n "C2026-00000" | head -n 1)
case "$first" in *C2026-000003*) ;; *) fail "not descending: $first" ;; esac
keys ">"
wait_for "客户名称↓" || fail "> did not sort by the customer column"
keys "<"
wait_for "编号↓" || fail "< did not go back to the number"
first=$(screen | grep -n "C2026-00000" | head -n 1)
case "$first" in *C2026-000003*) ;; *) fail "not descending: $first" ;; esac

keys L
wait_for "All open" || fail "L did not switch to English"
screen | grep -q "Serial no." || fail "column labels not in English"
keys Enter
wait_for "C2026-000003  Complaint  [Registered]" || fail "detail not in English"
keys End
wait_for "History" || fail "history not in English"
keys L
wait_for "历史记录" || fail "L did not switch back"
# Shift-Tab in a form, though vt220's terminfo has no kcbt
keys n
wait_for "* 为必填项" || fail "no form"
type_text "甲"
keys Tab BTab
type_text "乙"
wait_for "客户名称      * 甲乙" || fail "Shift-Tab did not go back a field"
keys Escape
wait_for "(y/n)" || fail "Esc did not ask"
keys y
wait_gone "* 为必填项" || fail "form not closed"
keys F10   # q backs out one level only (issue 9)
wait_for "EXITED:0" || fail "q did not quit"
exit 0
