#!/bin/sh
# Units, frozen fields and batch steps on the command line.
# R1 §8.1, R2 §3.7.6: a complaint belongs to a unit (its registrar's, or one
# within the registrar's units); the field-office manager names the owner
# of his own office's cases only, the branch manager of every case of the
# branch; list --units and --mine show the user's units' records.
# R2 §3.7.5: do N1,N2,... and do --batch take one step on several records
# in one transaction, all or none.  R2 §3.3.2: a frozen field is refused.
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
new() { # user name [unit]
	as --user "$1" new complaint --set customer_name="$2" --set phone=13800138000 \
		--set description=车门异响 ${3:+--set unit=$3}
}
state() { as show "$1" | sed -n '1s/.*(\([a-z_]*\)).*/\1/p'; }

Z=$(new office_manager 郑一)         # his own unit: the Zhengzhou office
X=$(new admin 西二 office_xian)      # within the admin's branch
B=$(new admin 分三)                  # the admin's own unit: the branch
as show "$Z" | grep -q '^所属单位 *郑州驻外办事处$' || fail "$Z not in Zhengzhou"
as show "$B" | grep -q '^所属单位 *销售分公司$' || fail "$B not in the branch"
check units-new-other 4 as --user office_manager new complaint --set customer_name=外 \
	--set phone=13800138000 --set description=x --set unit=office_xian
# one step on three records at once
check units-batch-accept 0 as --user branch_manager do "$Z,$X,$B" accept \
	--set category=quality --set owner=zhangwei
# R1 §8.1: his own office's case, not another's
expect_rc 0 as --user office_manager edit "$Z" --set owner=liujun
before=$(as show "$X" | md5sum)
check units-scope-refused 4 as --user office_manager edit "$X" --set owner=liujun
check units-scope-refused-en 4 as --lang en --user office_manager edit "$X" --set owner=liujun
[ "$before" = "$(as show "$X" | md5sum)" ] || fail "a refused edit wrote $X"
expect_rc 0 as --user lina edit "$X" --set owner=liujun
expect_rc 0 as --user branch_manager edit "$B" --set owner=liujun
# the unit views
check units-list-units 0 as --user office_manager list --units --format tsv
as --user lina list --units --format tsv | cut -f1 | tr '\n' ' ' | grep -qx "$X " ||
	fail "lina's unit list is not just $X"
as --user branch_manager list --units --format tsv | wc -l | grep -qx 3 ||
	fail "the branch manager does not see the branch's three cases"
# all or none: one registered case among accepted ones refuses the batch
N=$(new admin 新四)
check units-batch-refused 4 as --user admin do "$Z,$N,$X" investigate
[ "$(state "$Z")" = accepted ] || fail "$Z moved though the batch was refused"
check units-batch-twice 6 as --user admin do "$Z,$Z" investigate
check units-batch-usage 2 as --user admin do --batch - "$Z" investigate
check units-batch-rev 2 as --user admin do "$Z,$X" investigate --rev 2
# the numbers from a file or standard input
printf '%s\n%s\n' "$Z" "$X" >"$T/batch.txt"
check units-batch-file 0 as --user admin do --batch "$T/batch.txt" investigate
printf '%s, %s\n' "$B" "$Z" | as --user admin do --batch - investigate >/dev/null 2>&1
[ $? = 4 ] || fail "a batch from standard input was not refused"
[ "$(state "$B")" = accepted ] || fail "$B moved though the batch was refused"
check units-batch-missing 1 as --user admin do --batch "$T/none.txt" investigate

# R2 §3.3.2 on a service report: signed fields are frozen, archived all
export AFTERSALES_CONFIG=$TOP/tests/unit/data/units.yaml
rm -rf "$AFTERSALES_DB"
as --user top init "$AFTERSALES_DB" >/dev/null
S=$(as --user eastie new report --set title=月度报告)
expect_rc 0 as --user eastie do "$S" sign --set signature=东
check units-frozen-edit 4 as --user eastie edit "$S" --set signature=伪
check units-frozen-step-en 4 as --lang en --user eastie do "$S" resign --set signature=伪
expect_rc 0 as --user eastie edit "$S" --set note=补记
check units-frozen-show 0 as --user eastie show "$S"
# the history replays to the record, the frozen mark included
expect_rc 0 as --user top verify
finish
