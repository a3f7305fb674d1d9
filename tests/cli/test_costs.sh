#!/bin/sh
# Service costs and supplier claims (issue 12).  The split of R1 §9: the
# travel, lodging and allowance of branch staff borne by the branch, of
# head-office staff by the company (R1 §9.1), repair, parts, transport and
# packaging by manufacturing cost (R1 §9.2); a non-quality case charged to
# the customer and what was recovered (R1 §5.2); finance confirms each
# bearer or changes it with a reason (R1 §6); the cash advance against the
# expense claim of a work order (R2 §3.4.1, §3.4.3); a supplier claim
# (二次索赔, R2 §3.8) drafted from a warranty work order, submitted,
# partly accepted, credited and closed, the complaint's roll-up then
# showing the credit; the old cost fields migrated by `upgrade`, which
# verify accepts.
. "${AS_TOP:-.}/tests/cli/lib.sh"

OLDREC=${AS_BUILD:-$TOP/build}/tests/tools/as_oldrec

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# row NUMBER LABEL: the text of show's row LABEL (English)
row() {
	"$BIN" --lang en --user admin show "$1" |
		sed -n "s/^$2  *//p" | head -n 1
}

# is NUMBER LABEL WANT: show's row LABEL is exactly WANT
is() {
	got=$(row "$1" "$2")
	[ "$got" = "$3" ] || fail "$1 $2: [$got], want [$3]"
}

# handling NAME OWNER CATEGORY: a complaint of the branch accepted with
# that category and owner and taken to handling; prints its number
handling() {
	n=$(as --user admin new complaint --force --set customer_name="$1" \
		--set phone=13800138000 --set description=前门异响 \
		--set serial=LZYTBGCK0001 ${4:+--set component="$4"})
	as --user branch_manager do "$n" accept --set category="$3" \
		--set owner="$2" >/dev/null
	if [ "$3" = quality ]; then
		as --user admin do "$n" investigate >/dev/null
		as --user technical do "$n" analyse --set cause=装配不良 \
			--set countermeasure=返工 >/dev/null
		as --user qc do "$n" assign --set responsible_dept=production \
			--set responsible_person=黄勇 --set disposition=repair >/dev/null
	else
		as --user business do "$n" handle_damage --set cause=操作不当 \
			--set resolution=修复 >/dev/null
	fi
	echo "$n"
}

# --- R1 §9.1, §9.2: a quality case handled by branch staff -------------
A=$(handling 张伟 zhangwei quality)
# zhangwei is of the Zhengzhou field office, a unit of the branch
expect_rc 0 as --user zhangwei edit "$A" --set 'costs=[
	{"type":"travel","amount":"320.50","staff":"zhangwei"},
	{"type":"lodging","amount":"180","staff":"zhangwei"},
	{"type":"allowance","amount":"60","staff":"zhangwei"},
	{"type":"parts","amount":"1280"},{"type":"repair","amount":"450"},
	{"type":"transport","amount":"200"},{"type":"packaging","amount":"35"}]'
is "$A" "Cost totals" "Sales branch 560.50; Manufacturing cost 1,965.00; total 2,525.50 (R1 §9); 7 lines for finance to confirm (R1 §6)"
# every line got its bearer, recorded in the history
as --lang en --user admin show "$A" | grep -q "Travel, 320.50, Sales branch, 张伟" ||
	fail "the travel line has no branch bearer in the history"
expect_rc 0 as --user zhangwei do "$A" finish --set resolution=已修复

# --- R1 §6: finance confirms each bearer, or changes it with a reason ---
# the review waits for the confirmations
expect_rc 6 as --user finance do "$A" review_costs
# only finance confirms, and only in its own name
expect_rc 4 as --user finance edit "$A" --set 'costs=[
	{"type":"travel","amount":"320.50","staff":"zhangwei","confirmed":"zhangwei"}]'
# a bearer other than R1 §9.2's default needs a reason
check costs-bearer-no-reason 6 as --lang en --user finance edit "$A" --set 'costs=[
	{"type":"travel","amount":"320.50","staff":"zhangwei","confirmed":"finance"},
	{"type":"lodging","amount":"180","staff":"zhangwei","confirmed":"finance"},
	{"type":"allowance","amount":"60","staff":"zhangwei","confirmed":"finance"},
	{"type":"parts","amount":"1280","bearer":"supplier","confirmed":"finance"},
	{"type":"repair","amount":"450","confirmed":"finance"},
	{"type":"transport","amount":"200","confirmed":"finance"},
	{"type":"packaging","amount":"35","confirmed":"finance"}]'
expect_rc 0 as --user finance edit "$A" --set 'costs=[
	{"type":"travel","amount":"320.50","staff":"zhangwei","confirmed":"finance"},
	{"type":"lodging","amount":"180","staff":"zhangwei","confirmed":"finance"},
	{"type":"allowance","amount":"60","staff":"zhangwei","confirmed":"finance"},
	{"type":"parts","amount":"1280","bearer":"supplier","reason":"门泵由配套厂家承担","confirmed":"finance"},
	{"type":"repair","amount":"450","confirmed":"finance"},
	{"type":"transport","amount":"200","confirmed":"finance"},
	{"type":"packaging","amount":"35","confirmed":"finance"}]'
is "$A" "Cost totals" "Sales branch 560.50; Manufacturing cost 685.00; Supplier 1,280.00; total 2,525.50 (R1 §9)"
expect_rc 0 as --user finance do "$A" review_costs

# --- R1 §9.1: the same case with head-office staff ---------------------
B=$(handling 周杰 technical quality)
# technical (周杰) belongs to the company, not to the branch
expect_rc 0 as --user branch_manager edit "$B" --set 'costs=[
	{"type":"travel","amount":"800","staff":"technical"},
	{"type":"lodging","amount":"360","staff":"technical"},
	{"type":"allowance","amount":"120","staff":"technical"},
	{"type":"travel","amount":"150","staff":"zhangwei"},
	{"type":"parts","amount":"1280"}]'
is "$B" "Cost totals" "Sales branch 150.00; Company 1,280.00; Manufacturing cost 1,280.00; total 2,710.00 (R1 §9); 5 lines for finance to confirm (R1 §6)"
is "$B" "Roll-up" "2,710.00 − recovered 0.00 − supplier credit 0.00 = 2,710.00 (R1 §5.2, R2 §3.8)"
# R1 §9.2, R2 §3.7: a part from the store is priced at its ledger cost
expect_rc 0 as --user store_clerk new part --set code=MB-100 --set name=门泵总成 \
	--set unit_cost=412.50
expect_rc 0 as --user branch_manager edit "$B" --set 'costs=[
	{"type":"parts","part":"mb-100","quantity":2}]'
is "$B" "Cost totals" "Manufacturing cost 825.00; total 825.00 (R1 §9); 1 line for finance to confirm (R1 §6)"
# a part the store does not know needs its amount
expect_rc 6 as --user branch_manager edit "$B" --set 'costs=[
	{"type":"parts","part":"XX-1","quantity":2}]'

# --- R1 §5.2: a non-quality case: the customer bears it, recovered ------
N=$(handling 李四 business non_quality)
expect_rc 0 as --user business edit "$N" --set 'costs=[
	{"type":"repair","amount":"450"},
	{"type":"travel","amount":"200","staff":"zhangwei"}]'
is "$N" "Cost totals" "Customer 650.00; total 650.00 (R1 §9); 2 lines for finance to confirm (R1 §6)"
expect_rc 0 as --user business do "$N" finish --set resolution=已修复
expect_rc 0 as --user finance edit "$N" --set 'costs=[
	{"type":"repair","amount":"450","confirmed":"finance"},
	{"type":"travel","amount":"200","staff":"zhangwei","confirmed":"finance"}]'
expect_rc 0 as --user finance do "$N" chargeback
expect_rc 0 as --user business do "$N" settle --set recovered_amount=650
is "$N" "Roll-up" "650.00 − recovered 650.00 − supplier credit 0.00 = 0.00 (R1 §5.2, R2 §3.8)"
# a confirmed line is finance's: the business department may not change it
expect_rc 4 as --user business edit "$N" --set 'costs=[]'

# --- R2 §3.4, §3.8: a warranty work order, its expenses and its claim ---
expect_rc 0 as --user admin new product --set serial=LZYTBGCK0001 \
	--set 'model=ZK6128HGA 城市客车' --set delivered_on=2025-09-10
# the engine failed: the coach policy names its supplier (玉柴机器)
C=$(handling 王建国 engineer quality 发动机)
expect_rc 0 as --user branch_manager do "$C" dispatch_service
W=$(as --user admin show "$C" | grep -o 'W2026-[0-9]*' | head -n 1)
[ -n "$W" ] || fail "no work order for $C"
# R2 §3.4.1: the cash advance is taken before departure
expect_rc 0 as --user branch_manager do "$W" dispatch \
	--set 'team=[{"user":"engineer"}]' --set advance=2000
expect_rc 0 as --user engineer do "$W" depart --set 'contacted_at=2026-11-18 09:00' \
	--set 'departed_at=2026-11-18 10:00' --set 'parts_taken=[{"part":"喷油器","quantity":1}]'
expect_rc 4 as --user branch_manager edit "$W" --set advance=3000
expect_rc 0 as --user engineer do "$W" arrive --set 'arrived_at=2026-11-18 15:00'
expect_rc 0 as --user engineer do "$W" resolve --set running_hours=3200 \
	--set mileage_km=85000 --set usage=城市公交 --set before_after=冷启动困难 \
	--set taken_apart=no --set cause=喷油器积碳 --set responsibility=质量问题 \
	--set work_done=清洗喷油器 --set old_parts_packed=yes --set taught=使用合格燃油
expect_rc 0 as --user engineer do "$W" sign --set signed_by=王建国 \
	--set 'signed_at=2026-11-18 17:00' --set customer_comment=满意
expect_rc 0 as --user engineer do "$W" return --set 'returned_at=2026-11-19 09:00' \
	--set old_parts_returned=yes
# R2 §3.4.3: the expense claim filed on return, approved by a manager
expect_rc 0 as --user engineer edit "$W" --set 'costs=[
	{"type":"travel","amount":"1280","staff":"engineer"},
	{"type":"lodging","amount":"360","staff":"engineer"},
	{"type":"allowance","amount":"120","staff":"engineer"},
	{"type":"parts","amount":"2200"}]'
expect_rc 4 as --user engineer do "$W" approve_expenses --set expenses_approved_by=engineer
expect_rc 0 as --user engineer do "$W" file_expenses --set 'expenses_filed_at=2026-11-19 10:00'
expect_rc 4 as --user engineer do "$W" approve_expenses --set expenses_approved_by=engineer
expect_rc 0 as --user branch_manager do "$W" approve_expenses --set expenses_approved_by=branch_manager
is "$W" "Advance and expenses" "cash advance 2,000.00, expenses 1,760.00, to pay back to finance 240.00 (R2 §3.4.1, §3.4.3)"
# the difference settled by finance, once it confirmed the bearers
expect_rc 6 as --user finance do "$W" settle_expenses --set 'settled_at=2026-11-20 10:00' --set settled_by=finance
expect_rc 0 as --user finance edit "$W" --set 'costs=[
	{"type":"travel","amount":"1280","staff":"engineer","confirmed":"finance"},
	{"type":"lodging","amount":"360","staff":"engineer","confirmed":"finance"},
	{"type":"allowance","amount":"120","staff":"engineer","confirmed":"finance"},
	{"type":"parts","amount":"2200","confirmed":"finance"}]'
# R1 §6: finance's confirmation goes with its line, not its position: a
# line added before the confirmed ones, or removed from before them,
# leaves them confirmed; changing or removing a confirmed line is
# finance's alone
expect_rc 0 as --user engineer edit "$W" --set 'costs=[
	{"type":"transport","amount":"90"},
	{"type":"travel","amount":"1280","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"lodging","amount":"360","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"allowance","amount":"120","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"parts","amount":"2200","bearer":"manufacturing","confirmed":"finance"}]'
is "$W" "Cost totals" "Sales branch 1,760.00; Manufacturing cost 2,290.00; total 4,050.00 (R1 §9); 1 line for finance to confirm (R1 §6)"
expect_rc 4 as --user engineer edit "$W" --set 'costs=[
	{"type":"transport","amount":"90"},
	{"type":"travel","amount":"1280","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"lodging","amount":"460","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"allowance","amount":"120","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"parts","amount":"2200","bearer":"manufacturing","confirmed":"finance"}]'
expect_rc 4 as --user engineer edit "$W" --set 'costs=[
	{"type":"transport","amount":"90"},
	{"type":"lodging","amount":"360","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"allowance","amount":"120","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"parts","amount":"2200","bearer":"manufacturing","confirmed":"finance"}]'
expect_rc 0 as --user engineer edit "$W" --set 'costs=[
	{"type":"travel","amount":"1280","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"lodging","amount":"360","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"allowance","amount":"120","bearer":"branch","staff":"engineer","confirmed":"finance"},
	{"type":"parts","amount":"2200","bearer":"manufacturing","confirmed":"finance"}]'
is "$W" "Cost totals" "Sales branch 1,760.00; Manufacturing cost 2,200.00; total 3,960.00 (R1 §9)"
expect_rc 4 as --user engineer do "$W" settle_expenses --set 'settled_at=2026-11-20 10:00' --set settled_by=finance
expect_rc 0 as --user finance do "$W" settle_expenses --set 'settled_at=2026-11-20 10:00' --set settled_by=finance
is "$W" "Cost totals" "Sales branch 1,760.00; Manufacturing cost 2,200.00; total 3,960.00 (R1 §9)"

# R2 §3.8: the claim drafted from the warranty work order
expect_rc 4 as --user engineer do "$W" draft_claim
expect_rc 0 as --user admin do "$W" draft_claim
S=$(row "$W" "Supplier claim")
[ "$S" = S2026-000001 ] || fail "the work order names claim [$S]"
is "$S" Supplier 玉柴机器
is "$S" Component 发动机
is "$S" Complaint "$C"
is "$S" "Work order" "$W"
# drafted once
expect_rc 4 as --user admin do "$W" draft_claim
expect_rc 6 as --user admin do "$S" submit --set 'submitted_at=2026-11-21 09:00'
expect_rc 0 as --user admin do "$S" submit --set amount_claimed=2200 \
	--set 'submitted_at=2026-11-21 09:00'
expect_rc 0 as --user admin do "$S" acknowledge --set 'acknowledged_at=2026-11-23 09:00'
expect_rc 6 as --user admin do "$S" partly_accept --set amount_accepted=1500
expect_rc 0 as --user admin do "$S" partly_accept --set amount_accepted=1500 \
	--set decision_note=喷油器认可，工时不认可
expect_rc 4 as --user admin do "$S" credit --set amount_credited=1500 --set credit_note=ZR-001
expect_rc 0 as --user finance do "$S" credit --set amount_credited=1500 --set credit_note=ZR-001
expect_rc 0 as --user admin do "$S" close
check costs-claim-status 0 as --lang en --user admin status "$S"
# the complaint's roll-up: its work order's costs less the supplier credit
is "$C" "Roll-up" "0.00 + 1 work order 3,960.00 − recovered 0.00 − supplier credit 1,500.00 = 2,460.00 (R1 §5.2, R2 §3.8)"

# a work order whose failed part no supplier covers drafts no claim
D=$(handling 赵六 engineer quality)
expect_rc 0 as --user branch_manager do "$D" dispatch_service
W2=$(as --user admin show "$D" | grep -o 'W2026-[0-9]*' | head -n 1)
expect_rc 0 as --user branch_manager do "$W2" dispatch --set 'team=[{"user":"engineer"}]'
expect_rc 0 as --user engineer do "$W2" depart --set 'contacted_at=2026-11-18 09:00' \
	--set 'departed_at=2026-11-18 10:00' --set 'parts_taken=[{"part":"门泵","quantity":1}]'
expect_rc 0 as --user engineer do "$W2" arrive --set 'arrived_at=2026-11-18 15:00'
expect_rc 0 as --user engineer do "$W2" resolve --set running_hours=3200 \
	--set mileage_km=85000 --set usage=城市公交 --set before_after=异响 \
	--set taken_apart=no --set cause=磨损 --set responsibility=质量问题 \
	--set work_done=更换 --set old_parts_packed=yes --set taught=润滑
expect_rc 0 as --user engineer do "$W2" sign --set signed_by=赵六 \
	--set 'signed_at=2026-11-18 17:00' --set customer_comment=满意
check costs-claim-no-supplier 6 as --lang en --user admin do "$W2" draft_claim

# --- the reports: costs by bearer (R1 §6, §9), claims by supplier (R2 §3.8)
# the claim is closed: claimed 2,200.00, credited 1,500.00, 68.2 %
check costs-report-claims 0 as --lang en --user admin report claims
check costs-report-claims-json 0 as --lang en --user admin report claims --format json
# the records are registered in November 2026 (AFTERSALES_NOW, lib.sh)
M=2026-11
as --lang en --user admin report costs --month "$M" --format csv >"$T/costs.csv" ||
	fail "report costs --month $M"
# every line of the month by bearer: the complaints' and the work orders'
for row in '"Sales branch","branch","6","2320.50"' \
    '"Manufacturing cost","manufacturing","5","3710.00"' \
    '"Customer","customer","2","650.00"' '"Supplier","supplier","1","1280.00"'; do
	grep -qx "\"$M\",$row" "$T/costs.csv" ||
		fail "report costs: no row $row: $(cat "$T/costs.csv")"
done
as --lang en --user admin report costs --format json | grep -q '"bearer_code": "manufacturing"' ||
	fail "report costs --format json has no manufacturing row"
as --lang en --user admin report costs --month 2001-01 --format csv >"$T/none.csv" ||
	fail "report costs of an empty month"
[ "$(wc -l <"$T/none.csv")" = 1 ] || fail "report costs of 2001-01 has rows: $(cat "$T/none.csv")"
check costs-report-bad-month 2 as --lang en --user admin report costs --month 2026-13
check costs-report-unit 2 as --lang en --user admin report costs --unit branch
check costs-report-claims-month 2 as --lang en --user admin report claims --month 2026-10

# --- the old cost fields, migrated --------------------------------------
O=$(handling 钱七 zhangwei quality)
"$OLDREC" "$AFTERSALES_DB" "$O" zhangwei cost_travel 32050 cost_parts 128000 \
	cost_bearer manufacturing || fail "as_oldrec"
expect_rc 0 as --user admin reindex
# only the administrator upgrades
expect_rc 4 as --user engineer upgrade
check costs-upgrade 0 as --user admin upgrade
is "$O" "Costs" ""
as --lang en --user admin show "$O" | grep -q "^  1 Travel  *320.50 Manufacturing cost" ||
	fail "the old travel cost is not a line"
is "$O" "Travel (legacy)" ""
is "$O" "Cost totals" "Manufacturing cost 1,600.50; total 1,600.50 (R1 §9); 2 lines for finance to confirm (R1 §6)"
# the upgrade is one history event with the old and new values
as --lang en --user admin show "$O" | grep -q "Upgrade" || fail "no upgrade event"
as --lang en --user admin show "$O" | grep -q "Travel (legacy): 320.50 → -" ||
	fail "the upgrade event lacks the old value"
check costs-upgrade-again 0 as --user admin upgrade
expect_rc 0 as verify
finish
