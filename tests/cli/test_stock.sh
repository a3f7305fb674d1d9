#!/bin/sh
# The spare-parts store (R2 §3.6, §3.7, issue 11): parts imported, receipts
# posted onto an account (R2 §3.7.2), requisitions proposed, approved
# (quantities only lowered) and issued in parts, never beyond approval
# (R2 §3.6.1, §3.7.4), the last unit issued by two clerks at once, the
# write-off against the signed, approved report and the returned old part
# (R2 §3.6.2), the month's old parts disposed of in one batch (R2 §3.7.5),
# a stock count adjusted with a manager's approval (R2 §3.7.1), station
# accounts kept apart (R2 §3.7.6), postage written off (R2 §3.6.3); the
# balances and movements shown by stock and ledger, and verify.
. "${AS_TOP:-.}/tests/cli/lib.sh"

# the parts master, loaded from a CSV (import parts)
cat >"$T/parts.csv" <<'CSV'
code,barcode,name,name_en,spec,unit,supplier,unit_cost,min_stock
BRK-001,6901234500011,制动蹄片,Brake shoe,ZK6128 前轮,套,瑞立集团,86.50,5
FLT-200,6901234500028,机油滤清器,Oil filter,JX0818,个,平原滤清器,32.00,10
MB-100,6901234500035,门泵总成,Door pump,BF-30,件,宇通配套,460.00,1
CSV
check stock-import-parts 0 as --user admin import parts "$T/parts.csv"

# R2 §3.7.2: the receiving note puts its lines on its account when posted,
# and prints in duplicate
expect_rc 0 as --user store_clerk new receipt --set account=central \
	--set supplier=瑞立集团 --set delivery_note=SH-20261118 \
	--set 'lines=[{"part":"brk-001","quantity":6},{"part":"6901234500028","quantity":12},{"part":"MB-100","quantity":2}]'
check stock-receipt-post 0 as --user store_clerk do R2026-000001 post
check stock-receipt-print 0 as --user store_clerk print R2026-000001
# an unknown part is refused, naming its line
expect_rc 0 as --user store_clerk new receipt --set account=central \
	--set 'lines=[{"part":"BRK-001","quantity":1},{"part":"NO-SUCH","quantity":1}]'
check stock-receipt-unknown 6 as --lang en --user store_clerk do R2026-000002 post
# a unit that is no stock account (R2 §3.7.6: the accounts are declared)
expect_rc 0 as --user store_clerk new receipt --set account=central_store \
	--set 'lines=[{"part":"BRK-001","quantity":1}]'
check stock-receipt-no-account 6 as --lang en --user store_clerk do R2026-000003 post
check stock-central 0 as --user store_clerk stock --account central

# R2 §3.6.1: the engineer proposes, a manager approves (and may only cut)
expect_rc 0 as --user engineer new requisition --set reason=更换前轮制动蹄片 \
	--set 'lines=[{"part":"BRK-001","quantity":4},{"part":"FLT-200","quantity":2}]'
check stock-issue-unapproved 4 as --lang en --user store_clerk do G2026-000001 issue \
	--set 'issue_now=[{"part":"BRK-001","quantity":1}]'
check stock-approve-raise 6 as --lang en --user branch_manager do G2026-000001 approve \
	--set approved_by=branch_manager \
	--set 'lines=[{"part":"BRK-001","quantity":5},{"part":"FLT-200","quantity":2}]'
check stock-approve-cut 0 as --user branch_manager do G2026-000001 approve \
	--set approved_by=branch_manager \
	--set 'lines=[{"part":"BRK-001","quantity":3},{"part":"FLT-200","quantity":2}]'
check stock-waiting-issue 0 as --user store_clerk list requisitions --state approved
# R2 §3.7.4: never more than approved; partial issues keep it approved
check stock-issue-above 6 as --lang en --user store_clerk do G2026-000001 issue \
	--set 'issue_now=[{"part":"BRK-001","quantity":4}]'
check stock-issue-part 0 as --user store_clerk do G2026-000001 issue \
	--set 'issue_now=[{"part":"BRK-001","quantity":2}]'
check stock-issue-above-rest 6 as --lang en --user store_clerk do G2026-000001 issue \
	--set 'issue_now=[{"part":"BRK-001","quantity":2}]'
check stock-issue-rest 0 as --user store_clerk do G2026-000001 issue \
	--set 'issue_now=[{"part":"6901234500011","quantity":1},{"part":"FLT-200","quantity":2}]'
check stock-requisition-issued 0 as --lang en --user store_clerk show G2026-000001
check stock-ledger-brk 0 as --user store_clerk ledger BRK-001

# R2 §3.7.1: the last unit, issued by two clerks at once: exactly one
# wins, the other is told the balance (whatever the order; both start
# together behind a barrier, five rounds)
race=0
for round in 1 2 3 4 5; do
	as --user store_clerk new receipt --set account=central \
		--set 'lines=[{"part":"MB-100","quantity":1}]' >"$T/r" || race=1
	as --user store_clerk do "$(cat "$T/r")" post >/dev/null || race=1
	# MB-100: what is more than the last unit is issued first
	left=$(as --user store_clerk stock --account central --part MB-100 \
		--format tsv | tail -n 1 | cut -f4)
	if [ "$left" -gt 1 ]; then
		more=$((left - 1))
		as --user engineer new requisition \
			--set "lines=[{\"part\":\"MB-100\",\"quantity\":$more}]" >"$T/q"
		as --user branch_manager do "$(cat "$T/q")" approve \
			--set approved_by=branch_manager >/dev/null
		as --user store_clerk do "$(cat "$T/q")" issue \
			--set "issue_now=[{\"part\":\"MB-100\",\"quantity\":$more}]" \
			>/dev/null || race=1
	fi
	for who in a b; do
		as --user engineer new requisition \
			--set 'lines=[{"part":"MB-100","quantity":1}]' >"$T/q.$who"
		as --user branch_manager do "$(cat "$T/q.$who")" approve \
			--set approved_by=branch_manager >/dev/null
	done
	# the barrier: the children block on a lock the test holds
	exec 9>"$T/lock"
	flock -x 9
	for who in a b; do
		( flock -s "$T/lock" "$BIN" --lang en --user store_clerk do \
			"$(cat "$T/q.$who")" issue \
			--set 'issue_now=[{"part":"MB-100","quantity":1}]' \
			>"$T/out.$who" 2>&1; echo $? >"$T/rc.$who" ) 9>&- &
	done
	flock -u 9
	exec 9>&-
	wait
	won=$(cat "$T/rc.a" "$T/rc.b" | grep -c '^0$')
	lost=$(cat "$T/rc.a" "$T/rc.b" | grep -c '^6$')
	if [ "$won" != 1 ] || [ "$lost" != 1 ]; then
		echo "FAIL race round $round: exits $(cat "$T/rc.a") $(cat "$T/rc.b")"
		race=1
	elif ! cat "$T/out.a" "$T/out.b" | grep -q \
	    'the balance of MB-100 on Central stock is 0; 1 cannot go out'; then
		echo "FAIL race round $round: the loser is not told the balance"
		cat "$T/out.a" "$T/out.b"
		race=1
	fi
done
[ $race = 0 ] || failures=$((failures + 1))
check stock-race-after 0 as --user store_clerk stock --part MB-100

# a work order (R2 §3.4) up to its return: its parts replaced (MB-100)
# are issued to it first (R2 §3.6.1)
complaint() {
	as --user admin new complaint --force --set customer_name="$1" \
		--set customer_org=郑州公交集团 --set phone=13803710001 \
		--set address=河南省郑州市金水区花园路8号 \
		--set model='ZK6128HGA 城市客车' --set serial=LZYTBGCK0001 \
		--set description=前门开关时异响 --set fault_class=body \
		--set distance_km=80 --set 'received_at=2026-11-18 08:00' >/dev/null
	n=$(as --user admin list complaints --format tsv | tail -n 1 | cut -f1)
	as --user branch_manager do "$n" accept --set category=quality \
		--set owner=engineer >/dev/null
	as --user branch_manager do "$n" dispatch_service >/dev/null
}
# workorder W STEP...: takes W from created to resolved
workorder() {
	as --user branch_manager do "$1" dispatch --set 'team=[{"user":"engineer"}]' &&
	as --user engineer do "$1" depart --set 'contacted_at=2026-11-18 09:00' \
		--set 'departed_at=2026-11-18 10:00' \
		--set 'parts_taken=[{"part":"MB-100","quantity":1}]' &&
	as --user engineer do "$1" arrive --set 'arrived_at=2026-11-18 15:00' &&
	as --user engineer do "$1" resolve --set running_hours=3200 \
		--set mileage_km=85000 --set usage=城市公交 --set before_after=异响 \
		--set taken_apart=no --set cause=密封圈磨损 --set responsibility=质量问题 \
		--set work_done=更换门泵总成 --set old_parts_packed=yes \
		--set 'parts_replaced=[{"part":"MB-100","quantity":1,"reason":"气缸磨损"}]' \
		--set taught=定期润滑
}
complaint 王建国
complaint 李明
workorder W2026-000001 >/dev/null || echo "FAIL: work order 1"
workorder W2026-000002 >/dev/null || echo "FAIL: work order 2"
# R2 §3.6.2: no write-off before the report is signed and approved
check stock-writeoff-unsigned 4 as --lang en --user branch_manager do W2026-000001 approve \
	--set report_approved_by=branch_manager
for w in W2026-000001 W2026-000002; do
	as --user engineer do $w sign --set signed_by=王建国 \
		--set 'signed_at=2026-11-18 17:00' --set customer_comment=满意 >/dev/null
done
# R2 §3.6.1, §3.7.4: the parts out with the engineers are kept per work
# order: a door pump is issued to the second work order only (receive 2
# more for the two work orders)
expect_rc 0 as --user store_clerk new receipt --set account=central \
	--set 'lines=[{"part":"MB-100","quantity":2}]'
n=$(as --user store_clerk list receipts --format tsv | tail -n 1 | cut -f1)
expect_rc 0 as --user store_clerk do "$n" post
# issue W N: a requisition of N door pumps for work order W, approved, issued
issue() {
	q=$(as --user engineer new requisition --set workorder="$1" \
		--set "lines=[{\"part\":\"MB-100\",\"quantity\":$2}]") &&
	as --user branch_manager do "$q" approve \
		--set approved_by=branch_manager >/dev/null &&
	as --user store_clerk do "$q" issue \
		--set "issue_now=[{\"part\":\"MB-100\",\"quantity\":$2}]" >/dev/null
}
issue W2026-000002 1 || echo "FAIL: issue to work order 2"
check stock-issued-per-wo 0 as --user store_clerk stock --account issued --for all
# the old part of the first comes back, the second's does not
expect_rc 0 as --user engineer do W2026-000001 return \
	--set 'returned_at=2026-11-19 09:00' --set old_parts_returned=yes
expect_rc 0 as --user engineer do W2026-000002 return \
	--set 'returned_at=2026-11-19 09:00' --set old_parts_returned=no
# R2 §3.6.2, §3.7.4: no write-off without the old part returned
check stock-writeoff-no-oldpart 6 as --lang en --user branch_manager do W2026-000002 approve \
	--set report_approved_by=branch_manager
# R2 §3.6.1, §3.7.4: a write-off takes only what was issued to its own
# work order, never another's (the second holds a door pump; earlier
# requisitions named none)
check stock-writeoff-other-wo 6 as --lang en --user branch_manager do W2026-000001 approve \
	--set report_approved_by=branch_manager
issue W2026-000001 1 || echo "FAIL: issue to work order 1"
check stock-writeoff 0 as --user branch_manager do W2026-000001 approve \
	--set report_approved_by=branch_manager
check stock-issued-after 0 as --user store_clerk stock --account issued
check stock-issued-for-wo 0 as --user store_clerk stock --for W2026-000002 --format csv
# the movements name the work order in the history (the hash chain)
check stock-writeoff-history 0 sh -c "\"$BIN\" --lang en --user store_clerk show W2026-000001 | grep -F 'Issued ('"

# R2 §3.7.5: the old parts, one per part replaced, held on old_parts; a
# month left undisposed is overdue; the month's disposal is one batch
check stock-oldparts 0 as --user store_clerk list oldparts --open
check stock-oldparts-overdue 0 env AFTERSALES_NOW=1798000000 "$BIN" \
	--user store_clerk list oldparts --overdue
expect_rc 0 as --user store_clerk edit O2026-000001 --set disposal=scrapped
expect_rc 0 as --user store_clerk edit O2026-000002 --set disposal=evidence
# the second never came back: not on old_parts, so its scrapping would
# be refused; it is kept as evidence
check stock-dispose 0 sh -c "printf 'O2026-000001\nO2026-000002\n' |
	\"$BIN\" --user store_clerk do --batch - dispose"
check stock-scrap 0 as --user store_clerk stock --account scrap

# R2 §3.7.1: a stock count with a variance, adjusted with a manager's
# approval and a reason
expect_rc 0 as --user store_clerk new stockcount --set account=central \
	--set counted_by=马超 \
	--set 'lines=[{"part":"BRK-001","counted":2},{"part":"FLT-200","counted":10}]'
check stock-count-compare 0 as --user store_clerk do K2026-000001 compare
check stock-count-show 0 as --lang en --user store_clerk show K2026-000001
check stock-count-clerk 4 as --lang en --user store_clerk do K2026-000001 adjust \
	--set reason=盘亏 --set approved_by=store_clerk
check stock-count-no-reason 6 as --lang en --user branch_manager do K2026-000001 adjust \
	--set approved_by=branch_manager
check stock-count-adjust 0 as --user branch_manager do K2026-000001 adjust \
	--set reason='盘亏：制动蹄片一套破损报废，机油滤清器两个发错' \
	--set approved_by=branch_manager
check stock-count-after 0 as --user store_clerk stock --account central

# R2 §3.7.6: parts sent to a station go on its own account; its clerk
# (王丽, 洛阳服务站) sees and moves only that
expect_rc 0 as --user store_clerk new transfer --set from_account=central \
	--set to_account=station_luoyang --set 'lines=[{"part":"FLT-200","quantity":4}]'
check stock-transfer 0 as --user store_clerk do T2026-000001 post
check stock-station-own 0 as --user wangli stock
check stock-station-central 4 as --lang en --user wangli stock --account central
check stock-station-transfer-central 4 as --lang en --user wangli new transfer \
	--set from_account=central --set to_account=station_luoyang \
	--set 'lines=[{"part":"FLT-200","quantity":1}]'
expect_rc 0 as --user wangli new transfer --set from_account=station_luoyang \
	--set to_account=central --set 'lines=[{"part":"FLT-200","quantity":1}]'
check stock-station-return 0 as --user wangli do T2026-000002 post
expect_rc 0 as --user store_clerk new transfer --set from_account=central \
	--set to_account=station_luoyang --set 'lines=[{"part":"FLT-200","quantity":1}]'
check stock-station-post-central 4 as --lang en --user wangli do T2026-000003 post
check stock-below-min 0 as --user store_clerk stock --below-min
check stock-json 0 as --user store_clerk stock --part FLT-200 --format json
check stock-csv 0 as --user store_clerk ledger FLT-200 --format csv --from 2026-11-18 --to 2026-11-18

# R2 §3.6.3: postage written off when signed by the handler and a manager
expect_rc 0 as --user store_clerk new postage --set handler=store_clerk \
	--set amount=45.00 --set carrier=顺丰速运 --set waybill=SF1234567890
check stock-postage-manager-first 4 as --lang en --user branch_manager do Y2026-000001 write_off \
	--set approved_by=branch_manager
expect_rc 0 as --user store_clerk do Y2026-000001 sign --set 'signed_by_handler=2026-11-18 18:00'
check stock-postage-written-off 0 as --user branch_manager do Y2026-000001 write_off \
	--set approved_by=branch_manager

# every balance is what the journal gives, the journal what the history says
check stock-verify 0 as --user admin verify
finish
