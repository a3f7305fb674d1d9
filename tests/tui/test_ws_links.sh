#!/bin/sh
# Links in the detail view (issue 8), on the two-type configuration of the
# unit tests: a call's detail lists its complaint (→, with its state) and
# the call that names it (←); Tab picks a link, Enter opens it and Esc
# comes back; a linked record that moves on shows its new state.
. "$AS_TOP/tests/tui/lib.sh"

CFG=$AS_TOP/tests/unit/data/links.yaml
rm -rf "$D" && mkdir "$D" || fail "fresh folder"
"$AS_BIN" --db "$D" --config "$CFG" --user ann init >/dev/null ||
	fail "init with links.yaml"
as bob new call --set caller=王五 --set content=发动机异响 >/dev/null ||
	fail "new call"
as bob new call --set caller=李四 --set related=L2026-1 >/dev/null ||
	fail "new related call"
as bob do L2026-000001 to_complaint >/dev/null || fail "to_complaint"

start 100 30 bob
keys g
wait_for "打开编号" || fail "g did not prompt"
type_text "l2026-1"
keys Enter
wait_for "L2026-000001  来电  [已转投诉]" || fail "the call did not open"
wait_for "关联记录" || fail "no links section"
wait_for "→ 投诉 C2026-000001  处理中  (投诉)" || fail "outgoing link"
wait_for "← 投诉 C2026-000001  处理中  (来电)" || fail "incoming link"
wait_for "← 来电 L2026-000002  已登记  (相关来电)" || fail "incoming call"
# Enter opens the first link, Esc comes back to the call
keys Enter
wait_for "C2026-000001  投诉  [处理中]" || fail "Enter did not open C2026-000001"
wait_for "→ 来电 L2026-000001  已转投诉  (来电)" ||
	fail "the complaint does not list its call"
keys Escape
wait_for "L2026-000001  来电  [已转投诉]" || fail "Esc did not come back"
# Tab twice: the third link, the related call
keys Tab Tab
keys Enter
wait_for "L2026-000002  来电  [已登记]" || fail "Tab Tab Enter did not open L2026-000002"
keys Escape
wait_for "L2026-000001  来电  [已转投诉]" || fail "Esc did not come back again"
# the complaint is closed elsewhere: the call's view shows it
as ann do C2026-000001 close >/dev/null || fail "close"
wait_for "→ 投诉 C2026-000001  已关闭  (投诉)" || fail "the link's new state"
keys Escape
wait_for "F10" || fail "back to the list"
