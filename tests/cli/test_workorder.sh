#!/bin/sh
# Work orders and service reports (工作指令, 服务报告, R2 §3.2-§3.4): made
# by a complaint's or a call's dispatch_service step, linked both ways,
# with the customer, the vehicle and the fault copied; dispatched by the
# unit's manager only (R1 §8.1); the trip (R2 §3.4.1), on site (R2
# §3.4.2), signed only after the service and then frozen, its sign code
# checked by verify (R2 §3.3.2); back at base approved and archived
# (R2 §3.4.3); paid service approved before departure and handed in
# (R2 §3.3.4).  The deadlines run from when the user reported the fault
# (R2 §3.2.2, §3.2.3); exact due times are in the golden files.
. "${AS_TOP:-.}/tests/cli/lib.sh"

OLDREC=${AS_BUILD:-$TOP/build}/tests/tools/as_oldrec

# links NUMBER: the links section of show
links() {
	"$BIN" --lang en --user admin show "$1" | sed -n '/^Links:/,/^History:/p'
}

# dues NUMBER: the clock lines of show (each deadline with its clause)
dues() {
	"$BIN" --lang en --user admin show "$1" | grep -E '^(On site|Answer|Written contact) due'
}

# complaint NAME DISTANCE FAULT [SUPPLIER]: a complaint of the branch
# reported at 08:00, accepted (the same serial each time: --force); prints
# nothing
complaint() {
	as --user admin new complaint --force --set customer_name="$1" \
		--set customer_org=郑州公交集团 --set phone=13803710001 \
		--set address=河南省郑州市金水区花园路8号 \
		--set model='ZK6128HGA 城市客车' --set serial=LZYTBGCK0001 \
		--set description=前门开关时异响 --set fault_class="$3" \
		--set distance_km="$2" ${4:+--set supplier="$4"} \
		--set 'received_at=2026-11-18 08:00' >/dev/null
	n=$(as --user admin list complaints --format tsv | tail -n 1 | cut -f1)
	as --user branch_manager do "$n" accept --set category=quality \
		--set owner=engineer >/dev/null
}

# R2 §3.4: a complaint dispatches a work order, linked both ways, the
# customer, vehicle and fault copied, its clock from 08:00 (R2 §3.2.2:
# a body fault within 100 km: on site within 24 hours)
# R2 §3.3.1: the coach is in the product register, delivered 14 months
# before, so the work order's warranty check finds it in warranty
expect_rc 0 as --user admin new product --set serial=LZYTBGCK0001 \
	--set 'model=ZK6128HGA 城市客车' --set delivered_on=2025-09-10
complaint 王建国 80 body
check wo-dispatch-service 0 as --user branch_manager do C2026-000001 dispatch_service
check wo-show-created 0 as --user admin show W2026-000001
check wo-due-80km 0 dues W2026-000001
# the complaint keeps its state and lists its work order
check wo-complaint-links 0 as --lang en --user admin status C2026-000001

# R1 §8.1: a field-office manager dispatches his own office's work only
check wo-dispatch-other-office 4 as --lang en --user office_manager \
	do W2026-000001 dispatch --set 'team=[{"user":"engineer"}]'
# R2 §3.4.1: two or more people: one of them is the lead
check wo-dispatch-no-lead 6 as --lang en --user branch_manager \
	do W2026-000001 dispatch --set 'team=[{"user":"engineer"},{"user":"zhangwei"}]'
check wo-dispatch 0 as --user branch_manager do W2026-000001 dispatch \
	--set 'team=[{"user":"engineer"},{"user":"zhangwei"}]' --set lead=engineer
# R2 §3.3.2: no signature before the service
check wo-sign-before-resolved 4 as --lang en --user engineer do W2026-000001 sign \
	--set signed_by=王建国 --set 'signed_at=2026-11-18 09:00' --set customer_comment=好
# R2 §3.4.1: the user contacted and the parts taken before leaving
check wo-depart-unprepared 6 as --lang en --user engineer do W2026-000001 depart \
	--set 'departed_at=2026-11-18 10:00'
check wo-depart 0 as --user engineer do W2026-000001 depart \
	--set 'contacted_at=2026-11-18 09:00' --set 'departed_at=2026-11-18 10:00' \
	--set 'parts_taken=[{"part":"门泵总成","quantity":1},{"part":"密封圈","quantity":4}]'
# cancel only before departure
check wo-cancel-after-departure 4 as --lang en --user branch_manager \
	do W2026-000001 cancel --set cancel_reason=用户自行修复
# R2 §3.2.2: arrive records the time on site, which stops the clock
check wo-arrive-no-time 6 as --lang en --user engineer do W2026-000001 arrive
check wo-arrive 0 as --user engineer do W2026-000001 arrive \
	--set 'arrived_at=2026-11-18 15:00'
# R2 §3.4.2: LISTEN, LOOK, CHECK and HANDLE before it is resolved
check wo-resolve-incomplete 6 as --lang en --user engineer do W2026-000001 resolve \
	--set running_hours=3200 --set mileage_km=85000
check wo-resolve 0 as --user engineer do W2026-000001 resolve \
	--set running_hours=3200 --set mileage_km=85000 \
	--set usage=城市公交，每天运行约十二小时 --set before_after=早班出车时前门开关异响，随后关门缓慢 \
	--set taken_apart=no \
	--set cause=门泵气缸密封圈磨损 --set responsibility=质量问题，由配套厂家承担 \
	--set work_done=更换门泵总成并调整行程 --set old_parts_packed=yes \
	--set 'parts_replaced=[{"part":"MB-100","quantity":1,"reason":"气缸磨损"}]' \
	--set 'taught=每月润滑门轴，气压低于 0.6 MPa 时不要强行开门'
# R2 §3.3.2: signed after the service: signer, time, comment, sign code
check wo-sign 0 as --user engineer do W2026-000001 sign --set signed_by=王建国 \
	--set 'signed_at=2026-11-18 17:00' --set customer_comment=服务及时，满意
# R2 §3.3.2: nothing in the signed report changes any more
check wo-edit-after-sign 4 as --lang en --user engineer edit W2026-000001 \
	--set cause=门泵损坏
check wo-edit-after-sign-manager 4 as --lang en --user branch_manager edit W2026-000001 \
	--set team='[{"user":"engineer"}]'
# R2 §3.6.1, §3.7.4: the door pump replaced was issued against a
# requisition of the work order, from stock received (R2 §3.7.2)
expect_rc 0 as --user store_clerk new part --set code=MB-100 --set name=门泵总成 \
	--set unit=件
expect_rc 0 as --user store_clerk new receipt --set account=central \
	--set 'lines=[{"part":"MB-100","quantity":1}]'
expect_rc 0 as --user store_clerk do R2026-000001 post
expect_rc 0 as --user engineer new requisition --set workorder=W2026-000001 \
	--set 'lines=[{"part":"MB-100","quantity":1}]'
expect_rc 0 as --user branch_manager do G2026-000001 approve \
	--set approved_by=branch_manager
expect_rc 0 as --user store_clerk do G2026-000001 issue \
	--set 'issue_now=[{"part":"MB-100","quantity":1}]'
# R2 §3.4.3: back at base, approved by a manager, archived; the old part
# comes back (R2 §3.7.5) and the part replaced is written off (R2 §3.6.2)
check wo-return 0 as --user engineer do W2026-000001 return \
	--set 'returned_at=2026-11-19 09:00' --set old_parts_returned=yes
check wo-approve-engineer 4 as --lang en --user engineer do W2026-000001 approve \
	--set report_approved_by=engineer
check wo-approve 0 as --user branch_manager do W2026-000001 approve \
	--set report_approved_by=branch_manager
check wo-archive 0 as --user admin do W2026-000001 archive
check wo-show-archived 0 as --lang en --user admin show W2026-000001
# R2 §3.4.1: the signature created the satisfaction survey, linked back
check wo-survey 0 as --lang en --user admin status Q2026-000001
# R2 §3.3.2, §3.4: the printed service report: every section, the warranty
# verdict, the signature with its time, the comment and the sign code
check wo-print 0 as --user admin print W2026-000001
# the complaint shows its work order, archived
check wo-complaint-done 0 links C2026-000001
check wo-verify 0 as --user admin verify
# R2 §3.3.2: a signature changed behind the program's back (a valid
# history event written straight into the store): verify finds it by
# the sign code
"$OLDREC" "$AFTERSALES_DB" W2026-000001 engineer signed_by 李四 >/dev/null
check wo-verify-forged 1 as --lang en --user admin verify

# R1 §8.1: the Zhengzhou field office's own work: its manager dispatches
# the complaint's service trip and the work order, which is its office's
as --user admin new complaint --set customer_name=郑一 --set phone=13803710002 \
	--set description=空调异响 --set fault_class=other --set unit=office_zhengzhou \
	--set 'received_at=2026-11-18 08:00' >/dev/null
as --user branch_manager do C2026-000002 accept --set category=quality \
	--set owner=zhangwei >/dev/null
check wo-office-dispatch-service 0 as --user office_manager do C2026-000002 dispatch_service
check wo-office-dispatch 0 as --user office_manager do W2026-000002 dispatch \
	--set 'team=[{"user":"zhangwei"}]'
# ... and the Xi'an office's manager may not
as --user office_manager do C2026-000002 dispatch_service >/dev/null
check wo-office-dispatch-xian 4 as --lang en --user lina do W2026-000003 dispatch \
	--set 'team=[{"user":"lina"}]'

# R2 §3.2.2: a body fault beyond 100 km: an answer within 12 hours
complaint 李志强 150 body
as --user branch_manager do C2026-000003 dispatch_service >/dev/null
check wo-due-150km 0 dues W2026-000004
# R2 §3.2.2: a body fault within 100 km with a supplier: 12 hours too
complaint 张海燕 50 body 宇通门泵厂
as --user branch_manager do C2026-000004 dispatch_service >/dev/null
check wo-due-50km-supplier 0 dues W2026-000005
# contacting the user stops the answer clock: met
as --user branch_manager do W2026-000005 dispatch --set 'team=[{"user":"engineer"}]' >/dev/null
check wo-answered 0 as --user engineer edit W2026-000005 --set 'contacted_at=2026-11-18 11:00'
check wo-due-answered 0 dues W2026-000005
# R2 §3.2.3: a chassis / engine fault: written contact within 12 hours,
# overdue at 12 hours without it
complaint 刘国庆 200 chassis_engine
as --user branch_manager do C2026-000005 dispatch_service >/dev/null
complaint 赵红梅 30 chassis_engine
as --user branch_manager do C2026-000006 dispatch_service >/dev/null
check wo-due-chassis 0 dues W2026-000006
# the letter, archived on the record and its result fed back, stops it
check wo-letter 0 as --user engineer edit W2026-000007 \
	--set contact_letter='刘先生：您反映的发动机故障已收悉，我司将于明日派员到现场处理。' \
	--set 'letter_sent_at=2026-11-18 12:00' --set letter_result=用户已收到书面联系函并同意明日上午检修
check wo-due-chassis-letter 0 dues W2026-000007
# at 20:01 (12 h and a minute after the report) the one without a letter
# is overdue, the one with it is not (nor the answered 50 km one)
check wo-overdue-12h 0 env AFTERSALES_NOW=$((1794960000 + 12 * 3600 + 60)) \
	"$BIN" --user admin list workorders --overdue

# R2 §3.3.4: a paid service needs the manager's approval before departure
complaint 孙建华 60 other
as --user branch_manager do C2026-000007 dispatch_service >/dev/null
as --user branch_manager edit W2026-000008 --set fee=800 >/dev/null
as --user branch_manager do W2026-000008 dispatch --set 'team=[{"user":"engineer"}]' >/dev/null
check wo-fee-unapproved 6 as --lang en --user engineer do W2026-000008 depart \
	--set 'contacted_at=2026-11-18 09:00' --set 'departed_at=2026-11-18 10:00' \
	--set 'parts_taken=[{"part":"空调滤芯","quantity":2}]'
# only a manager approves it
check wo-fee-approve-engineer 4 as --lang en --user engineer edit W2026-000008 \
	--set fee_approved_by=engineer
as --user branch_manager edit W2026-000008 --set fee_approved_by=branch_manager >/dev/null
check wo-fee-approved 0 as --user engineer do W2026-000008 depart \
	--set 'contacted_at=2026-11-18 09:00' --set 'departed_at=2026-11-18 10:00' \
	--set 'parts_taken=[{"part":"空调滤芯","quantity":2}]'
as --user engineer do W2026-000008 arrive --set 'arrived_at=2026-11-18 14:00' >/dev/null
as --user engineer do W2026-000008 resolve --set running_hours=100 --set mileage_km=900 \
	--set usage=旅游 --set before_after=空调不制冷 --set taken_apart=no \
	--set cause=滤芯堵塞 --set responsibility=用户保养不当 --set work_done=更换滤芯 \
	--set old_parts_packed=no --set taught=定期更换滤芯 >/dev/null
as --user engineer do W2026-000008 sign --set signed_by=盖章 \
	--set 'signed_at=2026-11-18 16:00' --set customer_comment=无 >/dev/null
as --user engineer do W2026-000008 return --set 'returned_at=2026-11-18 20:00' \
	--set old_parts_returned=no >/dev/null
# finance records it handed in on return, before the report is approved
check wo-approve-fee-not-in 6 as --lang en --user branch_manager do W2026-000008 approve \
	--set report_approved_by=branch_manager
check wo-fee-handed-in 0 as --user finance edit W2026-000008 --set fee_handed_in=800
check wo-approve-fee 0 as --user branch_manager do W2026-000008 approve \
	--set report_approved_by=branch_manager

# cancelled before departure, with its reason; its clocks stop
complaint 周杰 20 body
as --user branch_manager do C2026-000008 dispatch_service >/dev/null
check wo-cancel 0 as --user branch_manager do W2026-000009 cancel --set cancel_reason=用户已自行修复

# a call dispatches one too: caller, organisation and phone copied, the
# deadline from when the call came in (R2 §3.5, §3.2.3)
as --user engineer new call --set channel=phone --set caller=吴女士 \
	--set org=洛阳公交 --set phone=0379-65512345 --set subject=发动机异响 \
	--set content=怠速时发动机异响 --set fault_class=chassis_engine \
	--set 'received_at=2026-11-18 07:30' >/dev/null
check wo-from-call 0 as --user branch_manager do L2026-000001 dispatch_service
check wo-from-call-show 0 as --lang en --user admin status W2026-000010
check wo-list 0 as --user admin list workorders

finish
