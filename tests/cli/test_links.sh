#!/bin/sh
# References between records on the command line (issue 8), with the
# two-type configuration of the unit tests (a call, a complaint):
# a number typed loosely is stored whole; a missing or wrong-type
# reference is refused naming field and number; to_complaint creates the
# linked complaint; status lists each match's open linked records and
# their states, show lists every link both ways; a closed link leaves
# status but stays in show.
. "$(dirname "$0")/lib.sh"

export AFTERSALES_CONFIG=$TOP/tests/unit/data/links.yaml
export AFTERSALES_DB=$T/links
"$BIN" --user ann init "$AFTERSALES_DB" >/dev/null || { echo "FAIL: init"; exit 1; }
export AFTERSALES_USER=bob

check links_new 0 as new call --set caller=王五 --set phone=13800138000 \
	--set content=发动机异响
check links_related 0 as new call --set caller=李四 --set related=l2026-1
check links_missing 6 as --lang en new call --set caller=x \
	--set complaint=C2026-9
check links_wrong_type 6 as --lang en new call --set caller=x \
	--set complaint=L2026-1
check links_to_complaint 0 as do L2026-000001 to_complaint
check links_status 0 as status L2026-1
check links_status_phone 0 as --lang en status 13800138000
check links_show_call 0 as --lang en show L2026-000001
check links_show_complaint 0 as show C2026-000001
check links_archive_refused 6 as --lang en do L2026-000001 archive
check links_close 0 as do C2026-000001 close
check links_status_closed 0 as --lang en status L2026-1
check links_verify 0 as verify
finish
