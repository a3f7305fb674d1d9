#!/bin/sh
# Who may write what from the command line (issue 7), under the shipped
# configuration: a complaint is registered by the posts that receive
# complaints (admin, office_manager, engineer, business, branch_manager)
# with the customer opinion fields only (R1 §5.1; R1 §7.2: registered at
# once by whoever takes the complaint); owner, category, costs and the rest
# are set later by their steps.  import obeys the same rule per row.  The
# maintenance commands (reindex, backup, demo, import) are the
# administrator's.  Every refusal exits 4 and writes nothing.
. "${AS_TOP:-.}/tests/cli/lib.sh"

count() { as --user admin export complaints --format json | grep -c '"number"'; }
unchanged() { # WHAT: the database is as it was before
	now=$(as --user admin export complaints | md5sum)
	[ "$now" = "$before" ] || { echo "FAIL: $1 changed the database"; failures=$((failures + 1)); }
}

before=$(as --user admin export complaints | md5sum)
# R1 §5.1: the spare-parts clerk does not register complaints
check new-store-clerk 4 as --user store_clerk new complaint \
	--set customer_name=张伟 --set phone=13800138000 --set description=门坏了
unchanged "a store clerk's registration"
# a business user registers the customer's opinion, not its handling
check new-business-owner 4 as --user business new complaint \
	--set customer_name=张伟 --set phone=13800138000 --set description=门坏了 \
	--set owner=business
check new-business-cost 4 as --user business --lang en new complaint \
	--set customer_name=张伟 --set phone=13800138000 --set description=门坏了 \
	--set cost_repair=450
unchanged "a refused registration with owner= or cost_repair="
check new-business 0 as --user business new complaint \
	--set customer_name=张伟 --set phone=13800138000 --set description=门坏了 \
	--set fault_class=body --set distance_km=30 --set supplier=
# the owner comes with the acceptance, by the branch manager (R1 §7.1)
expect_rc 0 as --user branch_manager do C2026-000001 accept \
	--set category=quality --set owner=zhangwei

# import: the same rule, row by row; an empty cell sets nothing
printf 'customer_name,phone,description,owner\n甲,13800000001,x,\n乙,13800000002,y,zhangwei\n' >"$T/owner.csv"
before=$(as --user admin export complaints | md5sum)
check import-forbidden-column 4 as --user admin import complaints "$T/owner.csv"
unchanged "a refused import"
printf 'customer_name,phone,description,owner\n甲,13800000001,x,\n' >"$T/noowner.csv"
expect_rc 0 as --user admin import complaints "$T/noowner.csv"

# maintenance commands: the administrator's, nobody else's
before=$(as --user admin export complaints | md5sum)
check import-engineer 4 as --user engineer import complaints "$T/noowner.csv"
unchanged "an engineer's import"
# refused before anything is opened: no database appears in an empty folder
mkdir "$T/empty"
expect_rc 4 as --user engineer --db "$T/empty" import complaints "$T/noowner.csv"
expect_rc 4 as --user engineer --db "$T/empty" demo --records 3
[ ! -e "$T/empty/data.mdb" ] || { echo "FAIL: a refused import or demo created a database"; failures=$((failures + 1)); }
check reindex-engineer 4 as --user engineer reindex
check backup-engineer 4 as --user engineer --lang en backup "$T/copy"
[ ! -e "$T/copy" ] || { echo "FAIL: a refused backup wrote $T/copy"; failures=$((failures + 1)); }
check demo-engineer 4 as --user engineer demo --records 3
unchanged "an engineer's demo"
expect_rc 0 as --user admin reindex
expect_rc 0 as --user admin backup "$T/copy"
mkdir "$T/demo"
expect_rc 0 as --user admin --db "$T/demo" demo --records 3
n=$(as --user admin --db "$T/demo" export complaints --format json | grep -c '"number"')
[ "$n" = 3 ] || { echo "FAIL: the demo wrote $n complaints, want 3"; failures=$((failures + 1)); }
expect_rc 0 as --user admin --db "$T/demo" verify
[ "$(count)" = 2 ] || { echo "FAIL: $(count) complaints, want 2"; failures=$((failures + 1)); }
finish
