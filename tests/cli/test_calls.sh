#!/bin/sh
# Calls and letters (来电来函, R2 §3.5), a record type of the shipped
# configuration made by configuration alone (issue 8): logged in time
# order, found by the caller's phone or name, clarified, answered, the
# reply archived (archived: frozen, R2 §3.5); a chassis / engine fault gets
# written contact within 12 hours (R2 §3.2.3): it is answered in writing
# only, and is overdue at 12 hours; to_complaint registers a complaint
# linked both ways, or writes nothing; import and export round-trip.
. "${AS_TOP:-.}/tests/cli/lib.sh"

# R2 §3.5: logged at once, in time order
check calls-new 0 as --user engineer new call --set channel=phone \
	--set caller=周先生 --set org=郑州客运 --set phone=13800138000 \
	--set subject=空调不制冷 --set content=空调开启后不出冷风 \
	--set fault_class=body --set 'received_at=2026-11-18 08:00' \
	--set taken_by=engineer
check calls-new-letter 0 as --user office_manager new call --set channel=letter \
	--set caller=吴女士 --set org=洛阳公交 --set phone=0371-65512345 \
	--set subject=发动机异响 --set content=怠速时发动机异响 \
	--set fault_class=chassis_engine
check calls-new-bad-phone 6 as --lang en --user engineer new call \
	--set caller=x --set phone=12ab --set subject=s --set content=c \
	--set fault_class=other
# the finance department does not take calls
check calls-new-refused 4 as --lang en --user finance new call \
	--set caller=x --set subject=s --set content=c --set fault_class=other
# found by the last digits of the phone and by the start of the name
check calls-status-phone 0 as --user admin status 5512345
check calls-status-caller 0 as --user admin status 周先
check calls-list 0 as --user admin list calls
check calls-list-json 0 as --user admin list calls --format json

# R2 §3.5: an unclear call is clarified, then answered
check calls-clarify-needs-facts 6 as --lang en --user engineer do L2026-000001 clarify
check calls-clarify 0 as --user engineer do L2026-000001 clarify --set facts=车辆在保修期内
check calls-answer 0 as --user engineer do L2026-000001 answer --set reply=已派工程师 \
	--set reply_channel=phone --set 'replied_at=2026-11-18 10:00'
# R2 §3.2.3: a chassis / engine call is not answered by phone
check calls-answer-chassis-refused 4 as --lang en --user admin do L2026-000002 answer \
	--set reply=已答复 --set reply_channel=phone --set 'replied_at=2026-11-18 10:00'
check calls-answer-letter-phone 4 as --lang en --user admin do L2026-000002 answer_letter \
	--set reply=已答复 --set reply_channel=phone --set 'replied_at=2026-11-18 10:00'
# R2 §3.2.3: written contact within 12 hours: overdue at 13 hours, not at 11
check calls-overdue-11h 0 env AFTERSALES_NOW=$((AFTERSALES_NOW + 11 * 3600)) \
	"$BIN" --user admin list calls --overdue
check calls-overdue-13h 0 env AFTERSALES_NOW=$((AFTERSALES_NOW + 13 * 3600)) \
	"$BIN" --user admin list calls --overdue
check calls-answer-letter 0 as --user admin do L2026-000002 answer_letter \
	--set reply=书面答复已寄出 --set reply_channel=letter --set 'replied_at=2026-11-18 12:00'
check calls-overdue-after 0 env AFTERSALES_NOW=$((AFTERSALES_NOW + 13 * 3600)) \
	"$BIN" --user admin list calls --overdue

# R2 §3.5: the reply archived; nothing in an archived call changes
check calls-archive-refused 4 as --lang en --user engineer do L2026-000001 archive
check calls-archive 0 as --user admin do L2026-000001 archive
check calls-frozen 4 as --lang en --user admin edit L2026-000001 --set caller=周生
check calls-show 0 as --user admin show L2026-000001

# to_complaint: a complaint linked both ways, fields copied
as --user business new call --set channel=visit --set caller=郑先生 \
	--set phone=139-0000-1234 --set subject=车门异响 --set content=前门关闭时异响 \
	--set fault_class=body --set 'received_at=2026-11-18 09:30' >/dev/null
check calls-to-complaint 0 as --user business do L2026-000003 to_complaint
check calls-to-complaint-status 0 as --user admin status L2026-000003
check calls-to-complaint-show-call 0 as --lang en --user admin show L2026-000003
check calls-to-complaint-show 0 as --user admin show C2026-000001
check calls-to-complaint-twice 4 as --lang en --user business do L2026-000003 to_complaint
# a call without a phone cannot register a complaint (its phone is
# required, R1 §5.1): refused, and neither record is written
as --user business new call --set channel=letter --set caller=钱女士 \
	--set subject=咨询 --set content=询问保养周期 --set fault_class=other >/dev/null
check calls-to-complaint-refused 6 as --lang en --user business do L2026-000004 to_complaint
check calls-to-complaint-neither 0 as --user admin list complaints
check calls-to-complaint-unchanged 0 as --user admin status L2026-000004

# import and export round trip (R2 §3.5: the log)
check calls-export 0 as --user admin export calls
as --user admin export calls --state logged >"$T/calls.csv"
sed 's/^"[^"]*","[^"]*","[^"]*",//' "$T/calls.csv" >"$T/round.csv"
check calls-import 0 as --user admin import calls "$T/round.csv"
as --user admin export calls | sed 's/^"[^"]*","[^"]*","[^"]*",//' >"$T/all.csv"
# the imported call is the same as the one exported, but for its number
n=$(grep -c '钱女士' "$T/all.csv")
[ "$n" = 2 ] || { echo "FAIL: the imported call is not there ($n)"; failures=$((failures + 1)); }
[ "$(grep '钱女士' "$T/all.csv" | sort -u | wc -l)" = 1 ] ||
	{ echo "FAIL: the imported call differs"; failures=$((failures + 1)); }
check calls-verify 0 as --user admin verify
finish
