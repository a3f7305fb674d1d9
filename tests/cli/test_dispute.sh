#!/bin/sh
# Disputes, R1 §7.3: "disputes are coordinated by a designated person under
# the contract's terms".  A dispute may be raised in any state after
# registration that is not closed, a rejection included (the customer
# disputes it), by the after-sales administrator, the branch manager or the
# business department, with its reason; nobody else may.  The branch
# manager names the coordinator and decides (R1 §7.1): the resolution, in
# its own field, may change the category and the cost bearer; the case
# then goes back to handling, is accepted anew, or stays rejected.  Each
# decision keeps its own field (reject_reason survives the dispute).
# Wrong users are refused (exit 4) and nothing is written.
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
state_is() {
	got=$(as status "$1" --format tsv | cut -f2)
	[ "$got" = "$2" ] || fail "$1 is $got, want $2"
}
field_is() { # NUMBER FIELD VALUE (the export's json)
	got=$(as export complaints --format json | python3 -c "
import json, sys
for r in json.load(sys.stdin):
    if r['number'] == '$1': print(r.get('$2') or '')")
	[ "$got" = "$3" ] || fail "$1 $2 is '$got', want '$3'"
}
# refused USER NUMBER TRANSITION|edit [--set ...]: exit 4, nothing written
refused() {
	user=$1 num=$2 what=$3
	shift 3
	before=$(as show "$num" | md5sum)
	if [ "$what" = edit ]; then
		expect_rc 4 as --user "$user" edit "$num" "$@"
	else
		expect_rc 4 as --user "$user" do "$num" "$what" "$@"
	fi
	[ "$before" = "$(as show "$num" | md5sum)" ] || fail "refused $what by $user wrote $num"
}
new() {
	as --user admin new complaint --set customer_name="$1" --set phone=13500000000 \
		--set description=客户对处理结果不满意
}
rejected() {
	n=$(new "$1")
	expect_rc 0 as --user branch_manager do "$n" reject --set reject_reason=已超出三包期
	echo "$n"
}
handling() { # a non-quality case handled by the business department
	n=$(new "$1")
	expect_rc 0 as --user branch_manager do "$n" accept --set category=non_quality --set owner=liujun
	expect_rc 0 as --user business do "$n" handle_damage --set cause=操作不当 --set resolution=修复
	echo "$n"
}
others="engineer office_manager production technical tech_dev qc finance store_clerk"

# R1 §7.3: a dispute of a rejection and of a case in handling, raised by
# each of admin, the branch manager and the business department
for who in admin branch_manager business; do
	R=$(rejected "拒$who")
	for o in $others; do
		refused "$o" "$R" dispute_rejection --set dispute_reason=客户不服
	done
	expect_rc 0 as --user "$who" do "$R" dispute_rejection --set dispute_reason=客户认为仍在三包期内
	state_is "$R" rejection_disputed
	H=$(handling "办$who")
	for o in $others; do
		refused "$o" "$H" dispute --set dispute_reason=费用分摊有异议
	done
	expect_rc 0 as --user "$who" do "$H" dispute --set dispute_reason=客户对费用分摊有异议
	state_is "$H" disputed
done
# the reason is required
R=$(rejected 拒原因)
expect_rc 6 as --user admin do "$R" dispute_rejection
# not before acceptance or rejection, and never once closed
N=$(new 未受理)
refused admin "$N" dispute --set dispute_reason=x
refused admin "$N" dispute_rejection --set dispute_reason=x

# R1 §7.3 with the rejection: rejected counts as closed until disputed
R=$(rejected 钱七)
as list --closed --format tsv | cut -f1 | grep -qx "$R" || fail "rejected $R is not closed"
expect_rc 0 as --user business do "$R" dispute_rejection --set dispute_reason=客户称仍在三包期内
as list --open --format tsv | cut -f1 | grep -qx "$R" || fail "disputed $R is not open"
# the branch manager alone names the coordinator, and decides
refused admin "$R" edit --set coordinator=zhouxiaoyan
refused business "$R" edit --set coordinator=zhouxiaoyan
expect_rc 0 as --user branch_manager edit "$R" --set coordinator=zhouxiaoyan
field_is "$R" coordinator zhouxiaoyan
refused admin "$R" resolve_accept --set dispute_resolution=x --set category=quality --set owner=lina
expect_rc 6 as --user branch_manager do "$R" resolve_accept --set category=quality --set owner=lina
expect_rc 0 as --user branch_manager do "$R" resolve_accept \
	--set dispute_resolution=经核实仍在三包期内，予以受理 --set category=quality --set owner=lina
state_is "$R" accepted
# one field per decision: the rejection's reason is kept
field_is "$R" reject_reason 已超出三包期
field_is "$R" dispute_reason 客户称仍在三包期内
field_is "$R" dispute_resolution 经核实仍在三包期内，予以受理
field_is "$R" resolution ""
# a rejection upheld stays rejected (and closed)
R=$(rejected 孙八)
expect_rc 0 as --user admin do "$R" dispute_rejection --set dispute_reason=客户不服
refused branch_manager "$R" resolve_dispute --set coordinator=hejianguo --set dispute_resolution=x
expect_rc 0 as --user branch_manager do "$R" resolve_reject --set coordinator=hejianguo \
	--set dispute_resolution=按合同条款维持不予受理
state_is "$R" rejected
field_is "$R" reject_reason 已超出三包期
as list --closed --format tsv | cut -f1 | grep -qx "$R" || fail "upheld $R is not closed"

# a dispute in handling: the resolution changes the category (and may
# change the cost lines' bearers), and the case goes back to handling;
# finance reviews the costs again (R1 §6) on the new path
H=$(handling 周杰伦)
expect_rc 0 as --user business do "$H" dispute --set dispute_reason=客户认为属于质量问题
refused business "$H" resolve_dispute --set coordinator=hejianguo --set dispute_resolution=x
expect_rc 6 as --user branch_manager do "$H" resolve_dispute --set dispute_resolution=x
expect_rc 0 as --user branch_manager do "$H" resolve_dispute --set coordinator=hejianguo \
	--set dispute_resolution=按合同条款认定为质量问题，由制造成本承担 \
	--set category=quality
state_is "$H" handling
field_is "$H" category quality
field_is "$H" resolution 修复
expect_rc 0 as --user liujun do "$H" finish --set resolution=已修复
refused finance "$H" chargeback
expect_rc 0 as --user finance do "$H" review_costs
state_is "$H" feedback
# a second dispute before closing, then closed: no dispute any more
expect_rc 0 as --user admin do "$H" dispute --set dispute_reason=客户对反馈结果有异议
expect_rc 0 as --user branch_manager do "$H" resolve_dispute --set dispute_resolution=补充说明
expect_rc 0 as --user liujun do "$H" finish
expect_rc 0 as --user finance do "$H" review_costs
expect_rc 0 as --user admin do "$H" close --set feedback=客户满意 --set improvement=无
refused admin "$H" dispute --set dispute_reason=又有异议
refused admin "$H" dispute_rejection --set dispute_reason=又有异议
expect_rc 0 as verify
finish
