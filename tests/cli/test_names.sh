#!/bin/sh
# Labels are accepted wherever codes are (issue 9, "one language"): a
# state, a step, a record type, a sort order by its Chinese or English
# label, a user by name; what is stored is the id (the owner's login).
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# a type by its label, or a part of its Chinese label
A=$(as --user admin new 投诉 --set customer_name=张三 --set phone=13800138000 \
	--set description=车门坏了) || fail "new 投诉"
B=$(as --user admin new Complaint --set customer_name=李四 --set phone=13800138001 \
	--set description=车门坏了) || fail "new Complaint"
L=$(as --user engineer new 来电 --set channel=来电 --set caller=王五 --set phone=13800138002 \
	--set subject=咨询 --set content=保养周期 --set fault_class=body --set 'received_at=2026-11-18 08:00' \
	--set taken_by=陈磊) || fail "new 来电"
case "$L" in L*) ;; *) fail "new 来电 made $L, not a call" ;; esac
check names-list-type 0 as list 来电

# a step by its label, a user by name (stored as the login)
check names-do-label 0 as --user branch_manager do "$A" 受理 --set category=quality --set owner=张伟
check names-do-label-en 0 as --lang en --user branch_manager do "$B" accept --set category=quality --set owner=李娜
as --format tsv list --state accepted | grep -q "$A.*zhangwei" || fail "owner=张伟 not stored as zhangwei"
check names-do-unknown 3 as --user admin do "$A" 飞走

# a state by its label, in either language
check names-list-state 0 as list --state 已受理
check names-list-state-en 0 as --lang en list --state Accepted
check names-list-state-bad 6 as list --state 飞走
# a sort order by the label of its field, or of a built-in order
check names-list-sort 0 as list --sort 客户名称
check names-list-sort-state 0 as list --sort 状态 --reverse
finish
