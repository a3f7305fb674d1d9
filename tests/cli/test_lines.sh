#!/bin/sh
# Line items (issue 8) on the command line, with a test configuration of
# its own (tests/unit/data/lines.yaml: a job with parts_taken): set as a
# JSON array with --set, refused per line and column, shown as a table,
# exported as JSON arrays and as one CSV/TSV row per line, and imported
# back from that CSV (rows of one record grouped by the line column).
. "${AS_TOP:-.}/tests/cli/lib.sh"

CFG=$TOP/tests/unit/data/lines.yaml
export AFTERSALES_DB=$T/ldb
as --config "$CFG" --user admin init "$AFTERSALES_DB" >/dev/null ||
	{ echo "FAIL: init"; exit 1; }
L="--config $CFG --user admin"

check lines-new 0 as $L new job --set title=油泵更换 --set \
    'parts_taken=[{"part":"P-100","quantity":2,"unit_cost":"12.5"},{"part":"Q-7","reason":"磨损","note":"左侧 滤芯"},{"part":"R-3","quantity":"１２","note":"=SUM(A1)"}]'
check lines-new-bad-qty 6 as $L new job --set title=x --set \
    'parts_taken=[{"part":"P-100"},{"part":"P-1","quantity":0}]'
check lines-new-no-part 6 as $L new job --set title=x --set \
    'parts_taken=[{"part":"P-100"},{"quantity":3}]'
check lines-new-bad-json 6 as $L new job --set title=x --set \
    'parts_taken=[{"part":"P-100"'
check lines-new-en 6 as $L --lang en new job --set title=x --set \
    'parts_taken=[{"part":"P-100","qty":2}]'
check lines-show 0 as $L show J2026-000001
as $L new job --set title=无配件 >/dev/null
as $L new job --set title=改配件 --set \
    'parts_taken=[{"part":"A-1"},{"part":"A-2","unit_cost":"0.5"}]' >/dev/null
check lines-edit 0 as $L edit J2026-000003 --rev 1 --set \
    'parts_taken=[{"part":"P-100","quantity":3}]'
check lines-show-edited 0 as $L --lang en show J2026-000003
# status lists records by the type's lookups; a lines field is no column
check lines-status 0 as $L status J2026-000001
check lines-export-json 0 as $L export jobs --format json
check lines-export-csv 0 as $L export jobs
check lines-export-tsv 0 as $L export jobs --format tsv

# import the CSV back, without the number, state and created columns
as $L export jobs | sed 's/^"[^"]*","[^"]*","[^"]*",//' >"$T/round.csv"
check lines-import 0 as $L import job "$T/round.csv"
as $L export jobs | sed 1d | cut -d, -f4- >"$T/all"
head -n 5 "$T/all" >"$T/a"
tail -n +6 "$T/all" >"$T/b"
cmp -s "$T/a" "$T/b" ||
	{ echo "FAIL: import of the exported CSV changed the lines";
	  diff "$T/a" "$T/b"; failures=$((failures + 1)); }
# a bad cell in a continuing row: the record's first row and the cell
printf 'line,title,parts_taken.part,parts_taken.quantity\n1,a,P-1,1\n2,,P-2,0\n' >"$T/bad.csv"
check lines-import-bad-cell 6 as $L import job "$T/bad.csv"
printf 'line,title,parts_taken.part\n1,a,P-1\n3,a,P-2\n' >"$T/gap.csv"
check lines-import-gap 6 as $L import job "$T/gap.csv"
printf 'line,title,parts_taken.part\n1,a,P-1\n2,b,P-2\n' >"$T/differs.csv"
check lines-import-differs 6 as $L import job "$T/differs.csv"
printf 'title,parts_taken.part,parts_taken.nonesuch\na,P-1,x\n' >"$T/col.csv"
check lines-import-bad-column 6 as $L import job "$T/col.csv"
# a step that requires the lines field: no line, or [], is no value
check lines-do-none 6 as $L do J2026-000002 finish --set 'parts_taken=[]'
check lines-do 0 as $L do J2026-000002 finish --set \
    'parts_taken=[{"part":"B-1","quantity":1}]'
# a lines field may also come as one column holding its JSON array, longer
# than the 1024 bytes of another cell
printf 'title,parts_taken\nj,"[{""part"":""J-1"",""quantity"":""%s""}]"\n' \
    "$(printf '%01000d' 7)" >"$T/json.csv"
check lines-import-json-cell 0 as $L import job "$T/json.csv"
printf 'title,parts_taken\nj,"[{""part"":""J-1""},{""part"":""J-2"",""note"":""%s""}]"\n' \
    "$(printf '%0201d' 7)" >"$T/json2.csv"
check lines-import-json-cell-long 6 as $L import job "$T/json2.csv"
expect_rc 0 as $L verify
finish
