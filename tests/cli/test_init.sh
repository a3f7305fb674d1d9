#!/bin/sh
# init: only `aftersales init` creates a database.  The folder is made 2770
# and its files 0660 whatever the umask (the service group shares them,
# nobody else reads them); a folder that already holds a database is
# refused with nothing changed, and `new` on a folder without one is
# refused instead of starting a new numbering.
. "${AS_TOP:-.}/tests/cli/lib.sh"

mode() { stat -c %a "$1"; }

D2=$T/fresh
check init-new 0 sh -c "umask 077; \"$BIN\" --user admin init $D2"
[ "$(mode "$D2")" = 2770 ] || { echo "FAIL: folder mode $(mode "$D2"), want 2770"; failures=$((failures + 1)); }
for f in data.mdb lock.mdb; do
	[ "$(mode "$D2/$f")" = 660 ] || { echo "FAIL: $f mode $(mode "$D2/$f"), want 660"; failures=$((failures + 1)); }
done
expect_rc 0 as --db "$D2" --user admin new complaint --set customer_name=张三 --set phone=13800000001 --set description=门坏了
check init-again 1 as --user admin init "$D2"
expect_rc 0 as --db "$D2" verify

mkdir "$T/empty"
check new-no-db 1 as --db "$T/empty" --user admin new complaint --set customer_name=张三 --set phone=13800000001 --set description=门坏了
[ ! -e "$T/empty/data.mdb" ] || { echo "FAIL: new created a database"; failures=$((failures + 1)); }
finish
