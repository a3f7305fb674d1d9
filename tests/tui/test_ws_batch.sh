#!/bin/sh
# A batch step from the list (R2 §3.7.5: one step on a chosen set of
# records, all or none): t marks records (the row shows *, the view bar
# the count), B offers the steps open on every marked record, asks for
# what the chosen one requires once, and applies it to all of them in one
# transaction.  A batch that fails on one record (someone else rejected
# it meanwhile) is refused whole, naming that record, and nothing changes.
. "$AS_TOP/tests/tui/lib.sh"

for i in 1 2 3 4; do
	as admin new complaint --set customer_name=客户$i --set phone=1380000000$i \
		--set description=d$i >/dev/null || fail "CLI new"
done

start 100 30 branch_manager
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_for "C2026-000004" || fail "view 6 does not list the records"
keys t t
wait_for "*2" || fail "the bar does not count two marks"
[ "$(screen | grep -c '^\*C2026-00000[12]')" = 2 ] || fail "rows 1 and 2 not marked"
screen | grep -q '^\*C2026-000003' && fail "row 3 marked"
keys B
wait_for "对已标记记录执行" || fail "B did not offer the steps"
wait_for "不予受理" || fail "reject not offered"
keys Enter
wait_for "批量 2 条记录: 受理  已登记 → 已受理" || fail "no batch form for accept"
type_text "qual"
keys Tab
type_text "zhang"
wait_for "张伟 (zhangwei)" || fail "owner did not complete"
keys C-s
# the form's title holds the message's words too: first the form goes
wait_gone "批量 2 条记录" || fail "the batch form stayed"
wait_for "2 条记录: 受理  已登记 → 已受理" || fail "the batch was not applied"
as admin show C2026-000001 | head -n 1 | grep -q "accepted" || fail "1 not accepted"
as admin show C2026-000002 | head -n 1 | grep -q "accepted" || fail "2 not accepted"
as admin show C2026-000003 | head -n 1 | grep -q "registered" || fail "3 changed"
wait_gone "*2" || fail "the marks were not cleared"

# all or none: 4 is rejected by someone else while the form is open
tm capture-pane -e -p | sed -n 7p | grep -q "C2026-000003.*" && tm capture-pane -e -p | sed -n 7p | grep -q "7m" || fail "the selection did not stay on 3"
keys t t
wait_for "*2" || fail "3 and 4 not marked"
keys B
wait_for "对已标记记录执行" || fail "B did not offer the steps"
type_text "不予"
keys Enter
wait_for "批量 2 条记录: 不予受理" || fail "no batch form for reject"
as branch_manager do C2026-000004 reject --set reject_reason=重复登记 >/dev/null ||
	fail "CLI reject"
type_text "无效投诉"
keys C-s
wait_for "批量操作整体取消" || fail "the refusal does not say the batch was refused"
wait_for "C2026-000004" || fail "the refusal does not name the record"
as admin show C2026-000003 | head -n 1 | grep -q "registered" || fail "3 changed though the batch was refused"
keys Escape
wait_for "(y/n)" || fail "Esc did not ask"
keys y
keys F10   # q backs out one level only (issue 9)
wait_for "EXITED:0" || fail "q did not quit"
exit 0
