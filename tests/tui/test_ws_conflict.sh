#!/bin/sh
# Someone else changes the record while a form is open: saving is refused
# (nothing lost, nothing overwritten), the form keeps what was typed and
# shows what changed, and the next save applies it to the new revision.
. "$AS_TOP/tests/tui/lib.sh"

n=$(as admin new complaint --set customer_name=张三 --set phone=13800000000 \
	--set description=门坏了) || fail "CLI new"
start 80 24 admin
keys g
type_text "$n"
keys Enter
wait_for "$n  客户投诉  [已登记]" || fail "detail not open"
keys E
wait_for "编辑 $n" || fail "edit form not open"
keys C-u
type_text "张三丰"
wait_for "张三丰" || fail "typed name not shown"

as admin edit "$n" --set phone=13900000000 >/dev/null || fail "CLI edit"
keys F2
wait_for "记录已被他人修改" || fail "no conflict message"
wait_for "联系电话 13800000000 → 13900000000" || fail "the change is not shown"
wait_for "客户名称        张三丰" || fail "the typed name was lost"
[ "$(as admin show "$n" | grep -c 张三丰)" = 0 ] ||
	fail "the refused save wrote something"

keys F2
wait_for "已保存" || fail "the second save did not go through"
as admin show "$n" >"$D/show.txt" || fail "CLI show"
grep -q "客户名称       张三丰" "$D/show.txt" || fail "name not saved"
grep -q "联系电话       13900000000" "$D/show.txt" ||
	fail "the other user's phone was overwritten"
keys F10   # q backs out one level only (issue 9)
wait_for "EXITED:0" || fail "q did not quit"
exit 0
