#!/bin/sh
# R1 §8.1: the steps the regulation gives to the person handling the case,
# finishing the handling and entering its costs (and the handling result),
# are the case's owner's; the branch manager and the field-office manager,
# who schedule the service work, may take them too.  Another engineer is
# refused (exit 4, nothing written) with a sentence naming the owner, and
# is not offered the step (list --mine).  The cases are the Zhengzhou
# field office's (R1 §8.1: my queue holds the user's units' records).
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
handling() { # a quality case of the Zhengzhou office owned by $2, in handling
	n=$(as --user admin new complaint --set customer_name="$1" --set phone=13800138000 \
		--set description=乘客门开关异常 --set unit=office_zhengzhou)
	expect_rc 0 as --user branch_manager do "$n" accept --set category=quality --set owner="$2"
	expect_rc 0 as --user admin do "$n" investigate
	expect_rc 0 as --user technical do "$n" analyse --set cause=装配不良 --set countermeasure=返工
	expect_rc 0 as --user qc do "$n" assign --set responsible_dept=production \
		--set responsible_person=黄勇 --set disposition=repair
	echo "$n"
}

A=$(handling 张伟 zhangwei)
before=$(as show "$A" | md5sum)
check owner-edit-refused 4 as --user engineer edit "$A" --set 'costs=[{"type":"travel","amount":"100"}]'
check owner-edit-refused-en 4 as --lang en --user liujun edit "$A" --set 'costs=[{"type":"parts","amount":"100"}]'
check owner-finish-refused 4 as --user engineer do "$A" finish --set resolution=已修复
check owner-finish-refused-en 4 as --lang en --user liujun do "$A" finish --set resolution=已修复
[ "$before" = "$(as show "$A" | md5sum)" ] || fail "a refused step wrote $A"
# the workstation's "mine": the owner has the case, another engineer not
as --user zhangwei list --mine --format tsv | cut -f1 | grep -qx "$A" || fail "not in the owner's list"
as --user engineer list --mine --format tsv | cut -f1 | grep -qx "$A" && fail "in another engineer's list"
# the owner enters the costs and finishes
expect_rc 0 as --user zhangwei edit "$A" --set 'costs=[{"type":"travel","amount":"100"}]' --set resolution=已修复
expect_rc 0 as --user zhangwei do "$A" finish
# a manager may, for the owner: the branch manager ...
B=$(handling 李娜 liujun)
expect_rc 0 as --user branch_manager edit "$B" --set 'costs=[{"type":"parts","amount":"200"}]'
expect_rc 0 as --user branch_manager do "$B" finish --set resolution=已修复
# ... and the field-office manager (lina is an engineer and one)
C=$(handling 王五 zhangwei)
expect_rc 0 as --user lina edit "$C" --set 'costs=[{"type":"parts","amount":"300"}]'
expect_rc 0 as --user office_manager do "$C" finish --set resolution=已修复
# without an owner, only a manager
D=$(handling 赵六 liujun)
expect_rc 0 as --user branch_manager edit "$D" --set owner=
check owner-none-refused 4 as --user liujun do "$D" finish --set resolution=已修复
expect_rc 0 as --user branch_manager do "$D" finish --set resolution=已修复
finish
