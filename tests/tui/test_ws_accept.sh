#!/bin/sh
# Roles on the detail view (R1 §7.1): a store clerk is not offered
# "accept" on a registered complaint and is told who may; after switching
# user (U) to the branch manager, accept is offered with its key, its form
# asks for the fields the transition requires, and applying it moves the
# complaint to accepted, recorded in the history.
. "$AS_TOP/tests/tui/lib.sh"

n=$(as admin new complaint --set customer_name=李四 --set phone=13800000009 \
	--set description=漏油) || fail "CLI new"
[ "$n" = C2026-000001 ] || fail "unexpected number $n"

start 80 24 store_clerk
keys g
wait_for "打开编号" || fail "g did not prompt for a number"
type_text "$n"
keys Enter
wait_for "$n  客户投诉  [已登记]" || fail "g did not open $n"
screen | grep -qF "[a]" && fail "the store clerk is offered [a]"
wait_for "F10退出" || fail "no footer"
screen | tail -n 2 | grep -q "a受理" && fail "footer offers accept to the clerk"
keys a
wait_for "只有以下岗位可以执行" || fail "no explanation for a refused key"
wait_for "销售分公司经理" || fail "the explanation does not name the role"

keys U
wait_for "以哪个用户身份操作" || fail "U did not open the user picker"
type_text "branch_man"
keys Enter
wait_for "刘强 (branch_manager)" || fail "did not switch to the branch manager"
wait_for "[a] 受理" || fail "the branch manager is not offered accept"
keys a
wait_for "$n: 受理  已登记 → 已受理" || fail "a did not open the accept form"
screen | grep -q "投诉类别 *\*" || fail "category not marked required"
# save without the owner: refused next to the field
type_text "qual"
keys F2
wait_for "↳ 必填" || fail "missing owner not reported at the field"
type_text "zhang"
wait_for "张伟 (zhangwei)" || fail "owner did not complete from the users"
keys C-s
wait_for "$n  客户投诉  [已受理]" || fail "accept was not applied"
keys End
wait_for "刘强  受理  已登记 → 已受理" || fail "history does not show the accept"
as admin show "$n" | grep -q "负责人 *张伟" || fail "owner not stored"
keys F10   # q backs out one level only (issue 9)
wait_for "EXITED:0" || fail "q did not quit"
exit 0
