#!/bin/sh
# Tabs and counts (issue 8): the shipped configuration has four record
# types (complaints, calls, products and surveys), each with its tab and
# count; with a fifth
# (tests/tui/data/two_types.yaml adds a letter) each type has its tab with its
# count of records, Tab switches to the type's own columns and declared
# view, each view shows its count, and a record registered elsewhere
# updates the counts live.  Each type's phone is its own index key space:
# status finds the complaint and the letter with the same phone, each once,
# and list follows the letter's declared columns.
. "$AS_TOP/tests/tui/lib.sh"

for i in 1 2 3; do
	as admin new complaint --set customer_name=客户$i --set phone=1380000000$i \
		--set description=d$i >/dev/null || fail "CLI new complaint"
done

# the shipped types: a tab bar on row 2, each type with its count
start 100 24 admin
wait_for "我的待办" || fail "no list"
tabs() { screen | sed -n 2p | tr -d ' '; }
# the store's types follow (issue 11), as many as fit
shipped_tabs() {
	case "$(tabs)" in
	"客户投诉3来电来函0工作指令0产品档案0顾客满意度调查表0"备件0*) ;;
	*) return 1 ;;
	esac
}
wait_until shipped_tabs ||
	fail "the shipped tab bar: $(tabs)"
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_for " 6 全部 3" || fail "the All view does not count 3"
wait_for " 3 全部未结 3 " || fail "All open does not count 3"
wait_for " 4 已结 0 " || fail "Closed does not count 0"
keys q
wait_for "EXITED:0" || fail "q did not quit"
stop_server

CFG=$AS_TOP/tests/tui/data/two_types.yaml
as admin new letter --set sender=周先生 --set phone=138-0000-0001 \
	--set subject=配件 >/dev/null || fail "CLI new letter 1"
as admin new letter --set sender=吴女士 --set subject=回访 >/dev/null ||
	fail "CLI new letter 2"
as admin do M2026-000002 answer >/dev/null || fail "CLI answer"

# the same phone in two types: both found, once each
out=$(as admin status 0000001 --format tsv | cut -f1 | tr '\n' ' ')
[ "$out" = "C2026-000001 M2026-000001 " ] || fail "status by phone: $out"
# the letter's list: number, sender, phone, state
line=$(as admin list letter | head -n 1)
case "$line" in "M2026-000001 周先生     138-0000-0001  已登记 ") ;;
	*) fail "letter list columns: [$line]" ;; esac
as admin list letter --format json | grep -qF '"from": "周先生", "phone": "138-0000-0001"' ||
	fail "letter json keys"
as admin list letter --sort serial >/dev/null 2>&1 && fail "a letter sorted by serial"
as admin list letter --sort sender | head -n 1 | grep -q "M2026-000002" ||
	fail "letter sort by sender"

start 100 24 admin
wait_for " 客户投诉 3 " || fail "no complaint tab with its count"
keys Tab
wait_for "来电来函" || fail "no call tab"
# the shipped work orders, product register and surveys (issue 10) next
keys Tab
wait_for "车号" || fail "no work-order tab"
keys Tab
wait_for "交付日期" || fail "no product tab"
# then the survey, the store's seven types (issue 11) and the supplier
# claims (issue 12, R2 §3.8), then the letter: the tab bar scrolls to show it
keys Tab
wait_for "满意度" || fail "no survey tab"
for i in 1 2 3 4 5 6 7 8; do keys Tab; done
wait_for "索赔金额" || fail "no claim tab"
keys Tab
wait_for "M2026-000002" || fail "Tab did not show the letters"
wait_for " 来函 2" || fail "no letter tab with its count"
# the letter's declared view (all), its own columns and heading
wait_for " 6 全部 2" || fail "the letter's All view does not count 2"
wait_for " 3 全部未结 1 " || fail "the letter's open view does not count 1"
wait_for "来函人" || fail "no sender column"
wait_for "主题" || fail "the declared heading is not shown"
screen | grep -q "产品编号" && fail "a complaint column on the letter tab"
# the same detail machinery for the letter
keys Enter
wait_for "M2026-000001  来函" || fail "Enter did not open the letter"
wait_for "周先生" || fail "the letter's fields are not shown"
keys Escape
wait_for " 6 全部 2" || fail "Esc did not return to the letters"
# a letter registered elsewhere: the counts follow
as admin new letter --set sender=郑先生 >/dev/null || fail "CLI new letter 3"
wait_for " 6 全部 3" || fail "the view count did not follow"
keys BTab
wait_for " 二次索赔 0" || fail "Shift-Tab did not go back to the claim tab"
keys Tab
keys Tab
# back on the complaints (Tab past the last), in their declared view
wait_for "产品编号" || fail "Tab did not bring the complaint columns back"
wait_for " 1 我的待办 0 " || fail "not in the complaint's own view"
wait_for " 3 全部未结 3 " || fail "complaint counts after Shift-Tab"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
