#!/bin/sh
# A second open complaint for the same serial (issue 9; warn_duplicate:
# of the type): the workstation warns and offers the open one; y opens
# it, n and F2 register the new one all the same.  The command line's
# new refuses it (exit 5, the open record named on stderr) unless --force.
# A closed complaint is no duplicate: after closing a new complaint is
# registered (R1 §7.2).
. "$AS_TOP/tests/tui/lib.sh"

n=$(as admin new complaint --set customer_name=张三 --set phone=13800000000 \
	--set serial=ZL50G-2301234 --set description=漏油) || fail "CLI new"

# the command line: refused without --force, spaces and case ignored
as admin new complaint --set customer_name=李四 --set phone=13900000000 \
	--set serial="zl50g 2301234" --set description=又漏油 \
	>"$D/out" 2>"$D/err"
rc=$?
[ "$rc" = 5 ] || fail "new of a duplicate exited $rc, not 5"
grep -q "$n" "$D/err" || fail "the refusal does not name $n: $(cat "$D/err")"
grep -q -- "--force" "$D/err" || fail "the refusal does not name --force"
[ -s "$D/out" ] && fail "the refused new printed a number"
as admin --lang en new complaint --set customer_name=李四 \
	--set phone=13900000000 --set serial=ZL50G-2301234 \
	--set description=x 2>"$D/err" >/dev/null
grep -q "is open with the same Serial no." "$D/err" ||
	fail "no English refusal: $(cat "$D/err")"
m=$(as admin new complaint --force --set customer_name=李四 \
	--set phone=13900000000 --set serial=ZL50G-2301234 \
	--set description=x) || fail "--force did not register"
[ -n "$m" ] || fail "--force printed no number"

# the workstation: warns, y opens the open one
start 80 24 admin
keys n
wait_for "* 为必填项" || fail "no new form"
type_text "王五"
keys Tab Tab
type_text "13700000000"
keys Tab Tab Tab
type_text "ZL50G-2301234"
keys Tab Tab
type_text "漏油"
keys F2
wait_for "仍未结案" || fail "no duplicate warning"
wait_for "打开已有的 $n" || fail "no offer to open $n"
keys y
wait_line 3 "$n  客户投诉" || fail "y did not open $n"
[ "$(as admin list | grep -c 王五)" = 0 ] || fail "y registered the new one"

# n, then F2: registered all the same
keys n
wait_for "* 为必填项" || fail "no new form"
type_text "赵六"
keys Tab Tab
type_text "13600000000"
keys Tab Tab Tab
type_text "ZL50G-2301234"
keys Tab Tab
type_text "漏油"
keys F2
wait_for "打开已有的" || fail "no duplicate question"
keys n
wait_gone "(y/n)" || fail "the question stayed"
keys F2
# the new record's detail (the question named the open one's state too)
wait_for "  客户投诉  [已登记]" || fail "F2 after n did not register"
[ "$(as admin list | grep -c 赵六)" = 1 ] || fail "not registered"

# rejected (closed) complaints are no duplicates: new goes through
for id in $(as admin list | grep -o 'C2026-[0-9]*'); do
	as branch_manager do "$id" reject --set reject_reason=重复 >/dev/null ||
		fail "reject $id"
done
as admin new complaint --set customer_name=钱七 --set phone=13500000000 	--set serial=ZL50G-2301234 --set description=x >/dev/null ||
	fail "new was refused although no complaint with the serial is open"
exit 0
