#!/bin/sh
# A quality complaint and a non-quality complaint from `new` to `close`
# with the right user at each step, and a wrong user refused at each step
# (exit 4, nothing written).  Clauses: R1 §2 (acceptance, cause
# investigation, repair or replacement, follow-up improvement, feedback:
# every stage of the walk), R1 §3 (the branch manager decides, the
# administrator registers and closes, the sections do their part), R1 §5.1 (register, number, close
# with feedback), R1 §5.2 (non-quality: business handles, costs recovered
# from the customer, the amount recovered recorded), R1 §6
# (production/technical analyse, QC assigns responsibility, finance reviews
# the costs of EVERY case, quality or not), R1 §7.1 (only the branch
# manager accepts), R1 §8.1 (the owner finishes and enters the costs),
# R1 §9 (cost lines and their bearers, confirmed by finance).
. "${AS_TOP:-.}/tests/cli/lib.sh"

# step WRONG_USER RIGHT_USER NUMBER TRANSITION [--set ...]
step() {
	wrong=$1 right=$2 num=$3 tr=$4
	shift 4
	before=$(as --user admin show "$num" | md5sum)
	expect_rc 4 as --user "$wrong" do "$num" "$tr" "$@"
	after=$(as --user admin show "$num" | md5sum)
	[ "$before" = "$after" ] || { echo "FAIL: refused $tr changed $num"; failures=$((failures + 1)); }
	expect_rc 0 as --user "$right" do "$num" "$tr" "$@"
}

state_is() {
	got=$(as --user admin status "$1" --format tsv | cut -f2)
	[ "$got" = "$2" ] || { echo "FAIL: $1 is $got, want $2"; failures=$((failures + 1)); }
}

Q=$(as --user admin new complaint --set customer_name=张伟 --set phone=13800138000 \
	--set description=乘客门开关异常 --set serial=LZYTBGCK0001)
case "$Q" in C2026-000001) ;; *) echo "FAIL: first number is $Q"; failures=$((failures + 1)) ;; esac
state_is "$Q" registered
# R1 §7.1: the branch manager alone accepts; an administrator may not.
step admin branch_manager "$Q" accept --set category=quality --set owner=zhangwei
step business admin "$Q" investigate
step qc technical "$Q" analyse --set cause=门泵电磁阀批次质量问题 --set countermeasure=更换并排查
step finance qc "$Q" assign --set responsible_dept=production --set responsible_person=黄勇 --set disposition=replace
# R1 §8.1: the owner (zhangwei) enters the costs and finishes
expect_rc 0 as --user zhangwei edit "$Q" --set 'costs=[{"type":"travel","amount":"320.50","staff":"zhangwei"},{"type":"parts","amount":"1280"}]'
step engineer zhangwei "$Q" finish --set resolution=已更换门泵，车辆恢复正常
# R1 §6: finance reviews the costs of a quality case; nobody else may;
# each line's bearer confirmed first
expect_rc 6 as --user finance do "$Q" review_costs
expect_rc 0 as --user finance edit "$Q" --set 'costs=[{"type":"travel","amount":"320.50","staff":"zhangwei","confirmed":"finance"},{"type":"parts","amount":"1280","confirmed":"finance"}]'
step engineer finance "$Q" review_costs
step branch_manager admin "$Q" close --set feedback=客户满意 --set improvement=纳入月度质量改进
state_is "$Q" closed
# closed is final: nothing is offered any more
expect_rc 4 as --user admin do "$Q" reopen --set reopen_reason=x
expect_rc 4 as --user admin do "$Q" dispute --set dispute_reason=x

N=$(as --user admin new complaint --set customer_name=李娜 --set phone=13900139000 \
	--set description=驾驶员操作不当导致后视镜支架断裂)
step qc branch_manager "$N" accept --set category=non_quality --set owner=business
# a quality-only step is not possible on a non-quality complaint
expect_rc 4 as --user admin do "$N" investigate
step production business "$N" handle_damage --set cause=操作不当 --set resolution=修复并培训驾驶员
expect_rc 0 as --user business edit "$N" --set 'costs=[{"type":"repair","amount":"450"}]'
step store_clerk business "$N" finish --set resolution=已修复
# R1 §6: finance reviews the costs of a non-quality case too; the business
# department may no longer charge back past finance
expect_rc 0 as --user finance edit "$N" --set 'costs=[{"type":"repair","amount":"450","confirmed":"finance"}]'
expect_rc 4 as --user business do "$N" chargeback
step admin finance "$N" chargeback
state_is "$N" chargeback
# R1 §5.2: settling records the amount recovered from the customer
expect_rc 6 as --user business do "$N" settle
step finance business "$N" settle --set recovered_amount=450.00
as --user admin show "$N" | grep -q "追回金额.*450.00" ||
	{ echo "FAIL: the amount recovered is not shown"; failures=$((failures + 1)); }
step engineer admin "$N" close --set feedback=费用已结清 --set improvement=发放操作手册
state_is "$N" closed

# R1 §5.2, §6: QC traces the cause of a quality case to the customer's own
# people and corrects the category, with its reason; the case then takes
# the non-quality path: the business department handles it, finance
# reviews the costs, the business department recovers them.
D=$(as --user admin new complaint --set customer_name=王强 --set phone=13700137000 \
	--set description=液压油管破裂)
step admin branch_manager "$D" accept --set category=quality --set owner=liujun
step business admin "$D" investigate
step qc production "$D" analyse --set cause=油管被外力挤压破裂 --set countermeasure=更换油管
expect_rc 6 as --user qc do "$D" recategorise --set category=non_quality
step technical qc "$D" recategorise --set category=non_quality \
	--set category_reason=现场勘查为用户违规作业挤压油管，属人为损坏
state_is "$D" accepted
as --user admin show "$D" | grep -q "现场勘查为用户违规作业挤压油管" ||
	{ echo "FAIL: the category reason is not shown"; failures=$((failures + 1)); }
expect_rc 4 as --user admin do "$D" investigate
step engineer business "$D" handle_damage --set resolution=更换油管并培训操作手
# R1 §8.1: the owner (liujun) enters the costs and finishes, not another engineer
expect_rc 4 as --user zhangwei edit "$D" --set 'costs=[{"type":"parts","amount":"600"}]'
expect_rc 0 as --user liujun edit "$D" --set 'costs=[{"type":"parts","amount":"600"}]'
step zhangwei liujun "$D" finish
expect_rc 0 as --user finance edit "$D" --set 'costs=[{"type":"parts","amount":"600","confirmed":"finance"}]'
step business finance "$D" chargeback
step admin business "$D" settle --set recovered_amount=600
step business admin "$D" close --set feedback=费用已追回 --set improvement=加强用户培训
state_is "$D" closed

# every step is in the history, and the chains verify
expect_rc 0 as verify
n=$(as --user admin show "$Q" | grep -c '（第 ')
[ "$n" = 10 ] || { echo "FAIL: $Q has $n history events, want 10"; failures=$((failures + 1)); }
n=$(as --user admin show "$N" | grep -c '（第 ')
[ "$n" = 9 ] || { echo "FAIL: $N has $n history events, want 9"; failures=$((failures + 1)); }
finish
