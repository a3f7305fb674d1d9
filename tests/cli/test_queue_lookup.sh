#!/bin/sh
# Issue 9: queues per person and lookups as the phone desk asks.
# list --mine is my queue: the cases whose step is mine (by: owner names
# me) first, then those nobody holds that my role may take; a case another
# user owns is not in the branch manager's queue though he may act for
# them (R1 §8.1), it is under list --role.  A dispute is an exception
# (exception: true): it puts no case in a queue and comes last in what a
# case waits for, which names the owner.  status finds a case by the last
# 4 digits of a phone, a serial's start or its last 6 characters, a bare
# sequence number (this year's), with pasted spaces (full-width too).
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
new() { # name phone serial
	as --user admin new complaint --set customer_name="$1" --set phone="$2" \
		--set serial="$3" --set description=漏油
}
A=$(new 王五 13811112222 LGW-5A0012345)     # registered: nobody's
B=$(new 赵六 13933332222 LGW5B0099887)      # handling, the engineer's
C=$(new 钱七 13700002222 XYZ-0001)          # handling, the manager's own
D=$(new 孙八 13600002222 XYZ-0002)         # rejected: closed
expect_rc 0 as --user branch_manager do "$B" accept --set category=non_quality --set owner=engineer
expect_rc 0 as --user business do "$B" handle_damage --set cause=人为 --set resolution=已修复
expect_rc 0 as --user branch_manager do "$C" accept --set category=non_quality --set owner=branch_manager
expect_rc 0 as --user business do "$C" handle_damage --set cause=人为 --set resolution=已修复
expect_rc 0 as --user branch_manager do "$D" reject --set reject_reason=不属实

# my queue: his own C first, then nobody's A; not the engineer's B
check queue-manager 0 as --user branch_manager list --mine
check queue-clerk 0 as --user engineer list --mine
# my role: every case a step of his role leaves, B included
check queue-role 0 as --user branch_manager list --role
[ "$(as --user branch_manager list --mine --reverse --format tsv | cut -f1 | tr '\n' ' ')" = "$A $C " ] ||
	fail "list --mine --reverse is not the queue reversed"
# B waits for its owner's step, then the dispute (an exception)
check queue-waits 0 as --lang en --user finance status "$B"

# lookups: the last 4 digits (open first: D is closed), with spaces
check lookup-phone-tail 0 as status 2222
check lookup-phone-spaces 0 as status "139 3333 2222"
check lookup-phone-fullwidth 0 as status "１３９　３３３３　２２２２"
# a serial's start (any case, dashes aside) and its last 6 characters
check lookup-serial-start 0 as status lgw
check lookup-serial-end 0 as status 099887
check lookup-serial-short-end 3 as status 99887
# a bare sequence number: this year's (2026, the clock of lib.sh)
check lookup-bare-number 0 as status 2
check lookup-number-spaces 0 as status " C2026 - 3 "
exit $failures
