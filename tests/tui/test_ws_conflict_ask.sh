#!/bin/sh
# Conflicts (issue 9): when two people change the same field the second
# save does not silently replace the first: the field shows both values
# and the form asks which stays.  Another user's change shows who made
# it.  A form whose step someone else took meanwhile does not offer to
# save again and says so.
. "$AS_TOP/tests/tui/lib.sh"

n=$(as admin new complaint --set customer_name=张三 --set phone=13800000000 \
	--set description=门坏了) || fail "CLI new"
start 80 24 admin
# in the list: a changed row names who changed it
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_for "$n" || fail "the list does not show $n"
as admin edit "$n" --set address=郑州 >/dev/null || fail "CLI edit 0"
wait_for "$n 已由 王芳 于" || fail "the list does not say who changed $n"
keys g
type_text "$n"
keys Enter
wait_for "$n  客户投诉  [已登记]" || fail "detail not open"

# another user's change: a note of who made it
as admin edit "$n" --set customer_org=一建公司 >/dev/null || fail "CLI edit"
wait_for "$n 已由 王芳 于" || fail "no note of who changed the record"
line_with "$n 已由" | grep -q "修改" || fail "the note is incomplete"

# the same field changed by both: both values shown, a question
keys E
wait_for "编辑 $n" || fail "edit form not open"
keys C-u
type_text "张三丰"
as admin edit "$n" --set customer_name=张老三 >/dev/null || fail "CLI edit 2"
keys F2
wait_for "采用对方的值?" || fail "the same-field conflict did not ask"
wait_for "对方改为: 张老三" || fail "their value is not shown"
wait_for "你的: 张三丰" || fail "my value is not shown"
[ "$(as admin show "$n" | grep -c 张三丰)" = 0 ] ||
	fail "the refused save wrote something"
keys y
wait_for "已采用对方的值" || fail "y did not take their value"
keys F2
wait_for "没有修改任何内容" || fail "F2 after y changed something"
as admin show "$n" | grep -q "张老三" || fail "their value was replaced"
keys Escape
wait_for "$n  客户投诉  [已登记]" || fail "Esc did not close the form"

# n keeps mine: the next F2 saves it
keys E
wait_for "编辑 $n" || fail "edit form not open again"
keys C-u
type_text "张三丰"
as admin edit "$n" --set customer_name=张四 >/dev/null || fail "CLI edit 3"
keys F2
wait_for "采用对方的值?" || fail "the second conflict did not ask"
keys n
wait_gone "(y/n)" || fail "the question stayed"
keys F2
wait_for "已保存" || fail "F2 after n did not save"
as admin show "$n" | grep -q "张三丰" || fail "my value was not saved after n"

# a step someone else took meanwhile: no second save, says so
wait_for "$n  客户投诉  [已登记]" || fail "not back in the detail"
stop_server
TMS="${TMS}b"
start 80 24 branch_manager
keys g
type_text "$n"
keys Enter
wait_for "$n  客户投诉  [已登记]" || fail "detail not open for the manager"
keys x
wait_for "不予受理理由" || fail "the reject form did not open"
type_text "不属于三包"
as branch_manager do "$n" accept --set category=quality \
	--set owner=engineer >/dev/null || fail "CLI accept"
wait_for "此步骤已不能执行" || fail "the form did not say the step is gone"
wait_for "$n 已由 刘强 于" || fail "the form does not say who moved the record"
screen | grep -q "F2保存" && fail "the form still offers F2 to save"
keys F2
wait_for "Esc 关闭表单" || fail "F2 was not refused"
[ "$(as admin show "$n" | grep -c 不属于三包)" = 0 ] || fail "the gone step saved"
keys Escape
wait_for "放弃已输入的内容" || fail "Esc with input did not ask"
keys y
wait_for "$n  客户投诉  [已受理]" || fail "not back in the detail"
exit 0
