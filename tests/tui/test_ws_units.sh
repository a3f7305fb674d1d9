#!/bin/sh
# Units in the registration form (R1 §8.1, R2 §3.7.6): the unit is a
# choice among the configured units, completed as typed; the Zhengzhou
# field-office manager may not register a complaint for the Xi'an office
# (refused, naming both), and his own office's is stored with it.
. "$AS_TOP/tests/tui/lib.sh"

start 100 30 office_manager
keys n
wait_for "* 为必填项" || fail "n did not open the form"
type_text "王五"
keys Tab Tab
type_text "13800138000"
keys Tab Tab Tab Tab Tab
type_text "车门异响"
keys Tab Tab Tab Tab Tab Tab
wait_for "所属单位" || fail "the form has no unit"
type_text "西安"
wait_for "西安驻外办事处 (office_xian)" || fail "the unit did not complete from the units"
keys F2
wait_for "只能是本人单位（郑州驻外办事处）" || fail "another office's unit not refused"
keys BSpace BSpace
type_text "郑州"
wait_for "郑州驻外办事处 (office_zhengzhou)" || fail "the unit did not complete"
keys F2
wait_for "C2026-000001  客户投诉  [已登记]" || fail "not registered"
as admin show C2026-000001 | grep -q "^所属单位 *郑州驻外办事处$" || fail "unit not stored"
keys F10   # q backs out one level only (issue 9)
wait_for "EXITED:0" || fail "q did not quit"
exit 0
