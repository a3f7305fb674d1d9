#!/bin/sh
# Frozen fields in the workstation (R2 §3.3.2: a signed service report is
# not altered): on tests/unit/data/units.yaml a signed report shows its
# signature and title as frozen, and its edit form (E) no longer offers
# them, only what may still change.
. "$AS_TOP/tests/tui/lib.sh"
CFG=$AS_TOP/tests/unit/data/units.yaml

S=$(as eastie new report --set title=月度报告) || fail "CLI new"
as eastie do "$S" sign --set signature=东 >/dev/null || fail "CLI sign"

start 100 30 eastie
keys g
wait_for "打开编号" || fail "g did not prompt for a number"
type_text "$S"
keys Enter
wait_for "$S  服务报告  [已签字]" || fail "g did not open $S"
wait_for "东 （已冻结）" || fail "the signature is not shown frozen"
wait_for "月度报告 （已冻结）" || fail "the title is not shown frozen"
keys E
wait_for "编辑 $S" || fail "E did not open the edit form"
wait_for "备注" || fail "the note is not offered"
screen | grep -q "签字 " && fail "the frozen signature is offered"
screen | grep -q "标题" && fail "the frozen title is offered"
keys Escape
keys F10   # q backs out one level only (issue 9)
wait_for "EXITED:0" || fail "q did not quit"
exit 0
