#!/bin/sh
# Issue 8: several clocks on one complaint.  R1 §7.2: the response clock
# runs from received_at (entered at registration: the complaint came in
# two hours before it was registered) to the first answer to the customer
# (answered_at), not to the acceptance; R2 §3.2.3: a chassis / engine fault
# gets 12 hours.  The stage clocks (R1 §6; our hours, no clause) start
# and stop with the stages.  `show` lists every clock, `list --overdue`
# lists the complaint once, `status` shows its earliest running deadline,
# and the answer given in time but entered late is on time.
. "${AS_TOP:-.}/tests/cli/lib.sh"

export AFTERSALES_NOW=1795000000                 # 2026-11-18 08:53 UTC
expect_rc 0 as --user admin new complaint --set customer_name=张伟 --set phone=13800138000 --set description=发动机异响 --set fault_class=chassis_engine --set 'received_at=2026-11-18 17:06'
expect_rc 0 as --user branch_manager do C2026-000001 accept --set category=quality --set owner=zhangwei
expect_rc 0 as --user admin do C2026-000001 investigate
export AFTERSALES_NOW=$((1795000000 + 12 * 3600))   # the 12 h passed
check stage-overdue 0 as list --overdue
check stage-status 0 as status C2026-000001
# answered by phone at 2026-11-19 04:00, entered now: on time
expect_rc 0 as --user engineer edit C2026-000001 --set 'answered_at=2026-11-19 04:00'
expect_rc 0 as --user production do C2026-000001 analyse --set cause=x --set countermeasure=y
check stage-show 0 as show C2026-000001
check stage-show-en 0 as --lang en show C2026-000001
finish
