#!/bin/sh
# Who may register (issue 7; R1 §5.1, §7.2: the posts that receive
# complaints register them): the spare-parts clerk is not offered n in the
# footer or the help, and pressing it says why and opens no form; the
# business department gets the customer opinion form without the owner.
# The store clerk's workstation opens on the requisitions he issues (R2
# §3.6.1), the first type where his role takes a step of work under way,
# not on the complaints.
. "$AS_TOP/tests/tui/lib.sh"

as admin new complaint --set customer_name=周九 --set phone=13800003333 \
	--set description=x >/dev/null || fail "CLI new"

start 80 24 store_clerk
wait_for "用途" || fail "the store clerk does not start on the requisitions"
screen | grep -q "客户名称" && fail "the store clerk starts on the complaints"
# back over the seven tabs before it to the complaints
keys BTab BTab BTab BTab BTab BTab BTab
wait_for "客户名称" || fail "Shift-Tab did not come back to the complaints"
keys 3
wait_view 3 || fail "3 did not switch the view"
wait_for "周九" || fail "the list does not show the complaint"
line_with "F10" | grep -q "n新建" && fail "the footer offers n to a store clerk"
keys F1
wait_for "F10" || fail "no help"
screen | grep -q "新建记录" && fail "the help offers n to a store clerk"
keys Escape
wait_for "周九" || fail "Esc did not close the help"
keys n
wait_for "不能登记客户投诉" || fail "n did not say why a store clerk may not register"
screen | grep -q "为必填项" && fail "n opened a form for a store clerk"
keys Enter
wait_for "C2026-000001" || fail "Enter did not open the complaint"
keys n
wait_for "不能登记客户投诉" || fail "n in the detail did not say why"
screen | grep -q "为必填项" && fail "n in the detail opened a form for a store clerk"
keys F10   # q backs out one level only (issue 9)
wait_for "EXITED:0" || fail "q did not quit"
stop_server

start 80 24 business
line_with "F10" | grep -q "n新建" || fail "the footer does not offer n to the business department"
keys n
wait_for "* 为必填项" || fail "n did not open the form for the business department"
screen | grep -q "^ 负责人" && fail "the business department's form offers the owner"
screen | grep -q "^ 问题描述" || fail "the form lacks the description"
exit 0
