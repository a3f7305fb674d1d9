#!/bin/sh
# Step forms show their context (issue 9; R1 §6): QC's form to assign
# responsibility shows the description and the cause analysis above its
# inputs (context: of the transition), finance's cost review the costs
# with their total (R1 §9); F4 in a choice field lists the choices, as on
# a 5250 screen; phone and serial show what they expect (hint:).
. "$AS_TOP/tests/tui/lib.sh"

n=$(as admin new complaint --set customer_name=张三 --set phone=13800000000 \
	--set description=铲斗油缸漏油) || fail "CLI new"
as branch_manager do "$n" accept --set category=quality \
	--set owner=engineer >/dev/null || fail "accept"
as admin do "$n" investigate >/dev/null || fail "investigate"
as production do "$n" analyse --set cause=密封圈老化 \
	--set countermeasure=更换密封圈 >/dev/null || fail "analyse"

start 80 24 qc
keys g
type_text "$n"
keys Enter
wait_for "[责任判定]" || fail "detail not open"
keys t
wait_for "判定责任" || fail "the QC form did not open"
# R1 §6: QC decides on the analysis: it is above the inputs
wait_for "铲斗油缸漏油" || fail "the QC form does not show the description"
wait_for "密封圈老化" || fail "the QC form does not show the cause"
desc=$(screen | grep -n "铲斗油缸漏油" | cut -d: -f1)
inp=$(screen | grep -n "责任部门" | head -n 1 | cut -d: -f1)
[ "$desc" -lt "$inp" ] || fail "the context is not above the inputs"

# F4 on the responsible department (a choice field): the list of choices
wait_for "F4列表" || fail "the footer does not offer F4 on a choice field"
keys F4
wait_for "技术开发科" || fail "F4 did not list the choices"
wait_for "生产科" || fail "F4 did not list every choice"
keys Down Enter
wait_gone "技术开发科" || fail "the list did not close"
screen | grep -q "技术科 (technical)" || fail "the picked choice is not in the field"
keys Escape
wait_for "放弃已输入的内容" || fail "Esc with input did not ask"
keys y
wait_for "[责任判定]" || fail "not back in the detail view"
keys q q
wait_for "EXITED:0" || fail "q q did not quit"

# R1 §9: the cost review shows the costs and their total
as qc do "$n" assign --set responsible_dept=production \
	--set responsible_person=李工 --set disposition=repair >/dev/null ||
	fail "assign"
as engineer edit "$n" --set 'costs=[{"type":"travel","amount":"120","staff":"engineer"},{"type":"lodging","amount":"80.50","staff":"engineer"},{"type":"parts","amount":"300"}]' >/dev/null || fail "costs"
as engineer do "$n" finish --set resolution=已修复 >/dev/null || fail "finish"
stop_server
TMS="${TMS}b"
start 80 24 finance
keys g
type_text "$n"
keys Enter
wait_for "[费用审核]" || fail "detail not open for finance"
keys v
wait_for "审核费用" || fail "the cost form did not open"
wait_for "差旅费" || fail "the cost form does not show the travel cost"
wait_for "共 500.50" || fail "the cost form shows no total"
# R1 §9.1: the branch engineer's travel and lodging to the branch; §9.2
line_with "共 500.50" | grep -q "销售分公司 200.50；制造成本 300.00" ||
	fail "the totals per bearer are wrong: $(line_with 共)"
keys Escape
wait_for "[费用审核]" || fail "Esc did not close the form"
# R1 §9: the detail view shows the totals per bearer below the fields
# (a tall screen, so that they are on its first page)
stop_server
TMS="${TMS}d"
start 90 100 finance
keys g
type_text "$n"
keys Enter
wait_for "[费用审核]" || fail "detail not open on the tall screen"
wait_for "费用合计" || fail "the detail view shows no cost totals"
line_with "费用合计" | grep -q "销售分公司 200.50；制造成本 300.00；共 500.50" ||
	fail "the detail's totals are wrong: $(line_with 费用合计)"

# hint: phone and serial say what they expect
stop_server
TMS="${TMS}c"
start 80 24 admin
keys n
wait_for "* 为必填项" || fail "no new form"
wait_for "手机 11 位或区号-电话" || fail "the phone shows no hint"
wait_for "铭牌上的出厂编号" || fail "the serial shows no hint"
exit 0
