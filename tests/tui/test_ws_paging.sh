#!/bin/sh
# Paging through the store a screen at a time: at 80x24 the list shows 18
# rows; Down past the last row scrolls by one, PgDn/PgUp move a page,
# End/Home go to the last/first page, and every record appears exactly
# once in order (compared with the command line's list of the same view).
. "$AS_TOP/tests/tui/lib.sh"

as admin demo --records 100 >/dev/null || fail "demo database"
ids=$D/ids
as admin list --format tsv | cut -f1 >"$ids"
[ "$(wc -l <"$ids")" = 100 ] || fail "expected 100 records"
id() { sed -n "$1p" "$ids"; }
first_row() { screen | sed -n 5p | cut -c3-14; }
last_row() { screen | sed -n 22p | cut -c3-14; }

start 80 24 admin
keys A   # the arrow cursor: "->" marks the selected row (issue 9)
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_line 5 "$(id 1)" || fail "All does not start at $(id 1)"
[ "$(last_row)" = "$(id 18)" ] || fail "page is not 18 rows: $(last_row)"
i=0
while [ $i -lt 17 ]; do keys Down; i=$((i + 1)); done
wait_line 22 "->$(id 18)" || fail "selection did not reach the last row"
[ "$(first_row)" = "$(id 1)" ] || fail "moving the selection scrolled"
keys Down
wait_line 5 "$(id 2)" || fail "Down at the bottom did not scroll one row"
wait_line 22 "->$(id 19)" || fail "the selection is not on the new row"
keys NPage
wait_line 5 "$(id 20)" || fail "PgDn: expected $(id 20) first"
[ "$(last_row)" = "$(id 37)" ] || fail "PgDn: last row $(last_row)"
keys NPage NPage
wait_line 5 "$(id 56)" || fail "PgDn x3"
keys PPage
wait_line 5 "$(id 38)" || fail "PgUp"
keys End
wait_line 22 "$(id 100)" || fail "End does not show the last record"
[ "$(first_row)" = "$(id 83)" ] || fail "End: first row $(first_row)"
# PgDn at the end changes nothing: Up after it (keys are read in order)
# moves the marker one row up on the same page
keys NPage Up
wait_line 21 "->$(id 99)" || fail "Up after PgDn past the end"
[ "$(first_row)" = "$(id 83)" ] && [ "$(last_row)" = "$(id 100)" ] ||
	fail "PgDn past the end moved the page: $(first_row) .. $(last_row)"
keys PPage
wait_line 5 "$(id 65)" || fail "PgUp from the end"
keys Home
wait_line 5 "$(id 1)" || fail "Home"
# Up at the top changes nothing: Down after it moves to the second row
keys Up Down
wait_line 6 "->$(id 2)" || fail "Down after Up at the top"
[ "$(first_row)" = "$(id 1)" ] || fail "Up at the top moved the page"
# newest first: the same records the other way round
keys s
wait_line 5 "$(id 100)" || fail "descending does not start at $(id 100)"
keys End
wait_line 22 "$(id 1)" || fail "descending End"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
