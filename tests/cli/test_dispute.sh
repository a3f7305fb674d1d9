#!/bin/sh
# R1 §7.3: a dispute is raised by the after-sales administrator (or the
# branch manager) with its reason, and only the designated person, the
# branch manager, resolves it, with the resolution; the complaint then goes
# back to handling.  R1 §7.1: the branch manager alone decides how it is
# handled.  Wrong users are refused (exit 4) and nothing is written.
. "${AS_TOP:-.}/tests/cli/lib.sh"

N=$(as --user admin new complaint --set customer_name=周杰伦 --set phone=13500000000 \
	--set description=客户对维修结果不满意)
expect_rc 0 as --user branch_manager do "$N" accept --set category=quality --set owner=lina
expect_rc 0 as --user admin do "$N" investigate
expect_rc 0 as --user technical do "$N" analyse --set cause=装配不良 --set countermeasure=返工
expect_rc 0 as --user qc do "$N" assign --set responsible_dept=production \
	--set responsible_person=黄勇 --set disposition=repair
# a dispute needs its reason, and not everyone may raise it
expect_rc 6 as --user admin do "$N" dispute
expect_rc 4 as --user engineer do "$N" dispute --set reason=费用分摊有异议
expect_rc 0 as --user admin do "$N" dispute --set reason=客户对费用分摊有异议
state=$(as status "$N" --format tsv | cut -f2)
[ "$state" = disputed ] || { echo "FAIL: state $state, want disputed"; failures=$((failures + 1)); }
# only the branch manager resolves it, and says how
before=$(as show "$N" | md5sum)
expect_rc 4 as --user admin do "$N" resolve_dispute --set resolution=按合同条款分摊
expect_rc 4 as --user business do "$N" resolve_dispute --set resolution=按合同条款分摊
[ "$before" = "$(as show "$N" | md5sum)" ] || { echo "FAIL: a refused step wrote"; failures=$((failures + 1)); }
expect_rc 6 as --user branch_manager do "$N" resolve_dispute
expect_rc 0 as --user branch_manager do "$N" resolve_dispute --set resolution=按合同条款双方各承担一半
state=$(as status "$N" --format tsv | cut -f2)
[ "$state" = handling ] || { echo "FAIL: state $state, want handling"; failures=$((failures + 1)); }
as show "$N" | grep -q "按合同条款双方各承担一半" ||
	{ echo "FAIL: resolution not recorded"; failures=$((failures + 1)); }
expect_rc 0 as verify
finish
