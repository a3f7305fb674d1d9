#!/bin/sh
# Sorting by column: > picks the customer column, the header marks it, the
# rows come in the command line's customer order (list --sort customer),
# page by page (PgDn, PgUp, one-row scroll, End, Home); s reverses; the
# state and owner columns sort the same way; < goes back to the number.
. "$AS_TOP/tests/tui/lib.sh"

as admin demo --records 100 >/dev/null || fail "demo database"
ids=$D/ids
as admin list --sort customer --format tsv | cut -f1 >"$ids"
[ "$(wc -l <"$ids")" = 100 ] || fail "expected 100 records"
id() { sed -n "$1p" "$ids"; }
first_row() { screen | sed -n 5p | cut -c3-14; }
last_row() { screen | sed -n 22p | cut -c3-14; }

start 80 24 admin
keys A   # the arrow cursor: "->" marks the selected row (issue 9)
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_line 4 "编号↑" || fail "number order is not marked"
keys '>'
wait_line 4 "客户名称↑" || fail "> did not mark the customer column"
wait_line 5 "$(id 1)" || fail "customer order does not start at $(id 1)"
[ "$(last_row)" = "$(id 18)" ] || fail "page is not 18 rows: $(last_row)"
screen | sed -n 4p | grep -qF "编号↑" && fail "two columns are marked"
keys NPage
wait_line 5 "$(id 19)" || fail "PgDn: expected $(id 19) first"
[ "$(last_row)" = "$(id 36)" ] || fail "PgDn: last row $(last_row)"
keys NPage
wait_line 5 "$(id 37)" || fail "PgDn x2"
keys PPage
wait_line 5 "$(id 19)" || fail "PgUp"
keys PPage
wait_line 5 "$(id 1)" || fail "PgUp to the top"
i=0
while [ $i -lt 17 ]; do keys Down; i=$((i + 1)); done
wait_line 22 "->$(id 18)" || fail "selection did not reach the last row"
keys Down
wait_line 5 "$(id 2)" || fail "Down at the bottom did not scroll one row"
wait_line 22 "->$(id 19)" || fail "the selection is not on the new row"
keys Up
wait_line 21 "->$(id 18)" || fail "Up did not move the selection"
i=0
while [ $i -lt 17 ]; do keys Up; i=$((i + 1)); done
wait_line 5 "$(id 1)" || fail "Up at the top did not scroll one row back"
keys End
wait_line 22 "$(id 100)" || fail "End does not show the last record"
[ "$(first_row)" = "$(id 83)" ] || fail "End: first row $(first_row)"
keys Home
wait_line 5 "$(id 1)" || fail "Home"
# reversed: the same records the other way round
keys s
wait_line 4 "客户名称↓" || fail "s did not mark the reverse"
wait_line 5 "$(id 100)" || fail "reverse does not start at $(id 100)"
keys NPage
wait_line 5 "$(id 82)" || fail "reverse PgDn: expected $(id 82)"
keys End
wait_line 22 "$(id 1)" || fail "reverse End"
keys s
# the state column (the serial column has one too)
as admin list --sort state --format tsv | cut -f1 >"$ids"
keys '>' '>'
wait_line 4 "状态↑" || fail "> > did not reach the state column"
wait_line 5 "$(id 1)" || fail "state order does not start at $(id 1)"
keys NPage
wait_line 5 "$(id 19)" || fail "state order PgDn"
as admin list --sort owner --format tsv | cut -f1 >"$ids"
keys '>'
wait_line 4 "负责人↑" || fail "> did not reach the owner column"
wait_line 5 "$(id 1)" || fail "owner order does not start at $(id 1)"
keys End
wait_line 22 "$(id 100)" || fail "owner order End"
as admin list --format tsv | cut -f1 >"$ids"
keys '<' '<' '<' '<'
wait_line 4 "编号↑" || fail "< did not go back to the number"
wait_line 5 "$(id 1)" || fail "number order does not start at $(id 1)"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
