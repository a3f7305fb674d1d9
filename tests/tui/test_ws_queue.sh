#!/bin/sh
# Issue 9, queues per person at 80x24.  The branch manager's queue (1)
# holds his own case first, then the cases nobody holds that his role may
# take, but not the case the engineer owns, though he may act for him
# (R1 §8.1): that one is under My role (7).  The engineer's queue is his
# own case.  A case waits for its owner's step, named, before the dispute
# (an exception).  Sorted by deadline, the view bar says how many records
# the order hides, on every view it is switched to, until another order.
. "$AS_TOP/tests/tui/lib.sh"

new() { as admin new complaint --set customer_name="$1" --set phone="$2" \
	--set description=漏油 >/dev/null || fail "CLI new $1"; }
new 王五 13811112222                       # 1 registered: nobody's
new 赵六 13933332222                       # 2 the engineer's
new 钱七 13700002222                       # 3 the manager's own
new 孙八 13600002222                       # 4 rejected: no clock runs
as branch_manager do C2026-000002 accept --set category=non_quality --set owner=engineer >/dev/null &&
as business do C2026-000002 handle_damage --set cause=人为 --set resolution=已修复 >/dev/null &&
as branch_manager do C2026-000003 accept --set category=non_quality --set owner=branch_manager >/dev/null &&
as business do C2026-000003 handle_damage --set cause=人为 --set resolution=已修复 >/dev/null &&
as branch_manager do C2026-000004 reject --set reject_reason=不属实 >/dev/null ||
	fail "CLI walk"

# the manager: his own case, then nobody's; the engineer's is not there
start 80 24 branch_manager
wait_line 5 "C2026-000003" || fail "the manager's own case is not first"
wait_line 6 "C2026-000001" || fail "nobody's case is not second"
screen | grep -q "C2026-000002" && fail "the engineer's case is in the manager's queue"
wait_for "我的待办 2" || fail "the queue's count is not 2"
keys 7
wait_view 7 || fail "7 did not switch the view"
wait_for "我的岗位" || fail "7 did not open My role"
wait_for "C2026-000002" || fail "My role lacks the engineer's case"
screen | grep -q "C2026-000004" && fail "My role holds the rejected case"
# the due order hides the rejected case: the bar says so on every view
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_for "C2026-000004" || fail "All lacks the rejected case"
keys "<"
wait_for "按期限排序: 隐藏了 1 条无进行中时限的记录" || fail "the due order does not say what it hides"
screen | grep -q "C2026-000004" && fail "the due order shows the rejected case"
keys 3
wait_view 3 || fail "3 did not switch the view"
wait_for "全部未结" || fail "3 did not switch to All open"
wait_for "按期限排序: 只列有进行中时限的记录" || fail "the due order is silent on All open"
keys 1
wait_view 1 || fail "1 did not switch the view"
wait_for "按期限排序" || fail "the due order is silent on My queue"
keys ">"
wait_gone "按期限排序" || fail "the note stays after leaving the due order"
keys q
wait_for "EXITED:0" || fail "q did not quit"
stop_server

# the engineer: his own case only
start 80 24 engineer
wait_line 5 "C2026-000002" || fail "the engineer's case is not in his queue"
screen | grep -q "C2026-000003" && fail "the manager's case is in the engineer's queue"
screen | grep -q "C2026-000001" && fail "a registered case is in the engineer's queue"
keys q
wait_for "EXITED:0" || fail "q did not quit"
stop_server

# finance sees what the case waits for: its owner's step, then the dispute
start 80 24 finance
keys g
wait_for "打开编号" || fail "g did not prompt"
type_text "C2026-2"
keys Enter
wait_for "C2026-000002  客户投诉  [处理中]" || fail "g did not open C2026-000002"
wait_for "处理完成 (负责人 陈磊); 提交争议" || fail "the waiting line does not name the owner first"
keys q
exit 0
