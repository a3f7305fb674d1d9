#!/bin/sh
# A service trip in the workstation (issue 10, R2 §3.2-§3.4): an accepted
# complaint dispatches a work order ([w], R2 §3.4), which its detail lists
# and opens; the work order's detail is grouped as the paper form is (trip,
# LISTEN, LOOK, CHECK, HANDLE, sign-off, back at base) with its clock's
# time left (R2 §3.2.2); it is dispatched, departs (R2 §3.4.1), arrives,
# is resolved (R2 §3.4.2), signed after the service with its sign code
# shown and the report frozen (R2 §3.3.2), returned and approved (R2
# §3.4.3); the complaint shows all of it.  Inputs that are tables (the
# team, the parts) are entered from the command line beforehand.
. "$AS_TOP/tests/tui/lib.sh"

export AFTERSALES_NOW=1795000000     # 2026-11-18 19:06 in Shanghai
# R2 §3.3.1: the coach is in the product register, so the warranty check
# of the work order (LOOK, R2 §3.4.2) finds it
as admin new product --set serial=LZYTBGCK0001 --set 'model=ZK6128HGA 城市客车' \
	--set delivered_on=2025-09-10 >/dev/null || fail "new product"
as admin new complaint --set customer_name=王建国 --set customer_org=郑州公交集团 \
	--set serial=LZYTBGCK0001 --set 'model=ZK6128HGA 城市客车' \
	--set phone=13803710001 --set address=河南省郑州市金水区花园路8号 \
	--set description=前门开关时异响 --set fault_class=body --set distance_km=80 \
	--set 'received_at=2026-11-18 08:00' >/dev/null || fail "new complaint"
as branch_manager do C2026-000001 accept --set category=quality \
	--set owner=engineer >/dev/null || fail "accept"

start 100 100 branch_manager AFTERSALES_NOW=$AFTERSALES_NOW
keys g
wait_for "打开编号" || fail "g did not prompt"
type_text "c2026-1"
keys Enter
wait_for "C2026-000001  客户投诉  [已受理]" || fail "the complaint did not open"
wait_for "[w] 派工 → 状态不变" || fail "dispatch_service is not offered"
# R2 §3.4: the complaint dispatches a service trip and stays accepted
keys w
wait_for "C2026-000001: 派工  已受理 → 状态不变" || fail "no dispatch form"
keys F2
wait_for "C2026-000001: 派工 → 状态不变" || fail "dispatch_service not taken"
wait_for "C2026-000001  客户投诉  [已受理]" || fail "the complaint moved"
# its detail lists the work order (Tab goes to the link) and opens it
keys Tab
wait_for "← 工作指令 W2026-000001  待派工  (客户投诉)" ||
	fail "the complaint does not list its work order"
keys Enter
wait_for "W2026-000001  工作指令  [待派工]" || fail "the work order did not open"
# grouped as the paper form is, the clock with its time left (R2 §3.2.2)
screen | grep -q "到达现场时限 *2026-11-19 08:00 (剩 12 小时) R2 §3.2.2" ||
	fail "the on-site clock and its time left"
wait_for "── 工作指令 (R2 §3.4.1) ──" || fail "the work order heading"
wait_for "── 出发准备 (R2 §3.4.1) ──" || fail "the trip heading"
screen | grep -q "联系人 *王建国" || fail "the contact was not copied"

# R1 §8.1: the branch manager dispatches it, with the team named before
as branch_manager edit W2026-000001 --set 'team=[{"user":"engineer"}]' >/dev/null ||
	fail "CLI team"
wait_for "1  陈磊" || fail "the team did not show"
keys d
wait_for "W2026-000001: 派出  待派工 → 已派工" || fail "no dispatch form"
keys F2
wait_for "W2026-000001  工作指令  [已派工]" || fail "not dispatched"
# R2 §3.4.1: the user contacted and the parts taken, then it departs
as engineer edit W2026-000001 --set 'contacted_at=2026-11-18 09:00' \
	--set 'departed_at=2026-11-18 10:00' \
	--set 'parts_taken=[{"part":"门泵总成","quantity":1}]' >/dev/null || fail "CLI trip"
wait_for "门泵总成" || fail "the parts did not show"
keys p
wait_for "W2026-000001: 出发  已派工 → 已出发" || fail "no depart form"
keys F2
wait_for "W2026-000001  工作指令  [已出发]" || fail "not departed"
# R2 §3.2.2: the arrival time, typed in the arrive form, stops the clock
keys a
wait_for "W2026-000001: 到达现场  已出发 → 在现场" || fail "no arrive form"
type_text "2026-11-18 15:00"
keys F2
wait_for "W2026-000001  工作指令  [在现场]" || fail "not on site"
screen | grep -q "到达现场时限 *完成于 2026-11-18 15:00 (按时)" ||
	fail "the clock did not stop on time"
# R2 §3.4.2: LISTEN, LOOK, CHECK, HANDLE recorded on site, then resolved
as engineer edit W2026-000001 --set running_hours=3200 --set mileage_km=85000 \
	--set usage=城市公交 --set before_after=开关门时异响 \
	--set taken_apart=no --set cause=门泵气缸密封圈磨损 --set responsibility=质量问题 \
	--set work_done=更换门泵总成 --set old_parts_packed=yes \
	--set taught=每月润滑门轴 >/dev/null || fail "CLI report"
wait_for "版本 7" || fail "the report did not show"
keys r
wait_for "W2026-000001: 处理完毕  在现场 → 已处理" || fail "no resolve form"
keys F2
wait_for "W2026-000001  工作指令  [已处理]" || fail "not resolved"
# R2 §3.3.2: the user signs after the service: signer, time, comment
keys s
wait_for "W2026-000001: 用户签字  已处理 → 用户已签字" || fail "no sign form"
type_text "王建国"
keys Tab
type_text "2026-11-18 17:00"
keys Tab
type_text "服务及时，满意"
keys F2
wait_for "W2026-000001  工作指令  [用户已签字]" || fail "not signed"
wait_for "── 用户签字 (R2 §3.3.2) ──" || fail "no sign-off heading"
screen | grep -q "签字码 *[0-9A-F]\{4\}-[0-9A-F]\{4\} （已冻结）" ||
	fail "the sign code is not shown frozen"
screen | grep -q "用户签字/盖章 *王建国 （已冻结）" || fail "the signer is not frozen"
screen | grep -q "故障原因 *门泵气缸密封圈磨损 （已冻结）" || fail "the cause is not frozen"
for g in "── 听 (R2 §3.4.2) ──" "── 看 (R2 §3.4.2) ──" "── 查 (R2 §3.4.2) ──" \
	"── 处理 (R2 §3.4.2) ──"; do
	wait_for "$g" || fail "no heading $g"
done
# R2 §3.4.3: back at base, approved by the manager
as engineer do W2026-000001 return --set 'returned_at=2026-11-19 09:00' \
	--set old_parts_returned=yes >/dev/null || fail "CLI return"
wait_for "W2026-000001  工作指令  [已返回]" || fail "not returned"
keys v
wait_for "W2026-000001: 审批报告  已返回 → 报告已审批" || fail "no approve form"
type_text "branch_manager"
keys F2
wait_for "W2026-000001  工作指令  [报告已审批]" || fail "not approved"
# R2 §3.4.1: the signature created the satisfaction survey; the user is
# asked by phone and the answers recorded: the work order shows it done
as engineer do Q2026-000001 record --set channel=phone \
	--set 'surveyed_at=2026-11-20 10:00' --set q_timeliness=5 \
	--set q_attitude=5 --set q_quality=4 --set q_teaching=4 \
	--set q_overall=5 >/dev/null || fail "CLI survey"
keys r
wait_for "Q2026-000001  已完成" || fail "the work order does not show its survey done"
# the complaint shows it
keys Escape
wait_for "C2026-000001  客户投诉  [已受理]" || fail "Esc did not return to the complaint"
keys Tab
wait_for "← 工作指令 W2026-000001  报告已审批  (客户投诉)" ||
	fail "the complaint does not show the approved work order"
keys F10
wait_for "EXITED:0" || fail "F10 did not quit"
