#!/bin/sh
# Language at the command line (issue 9, "one language"): every message
# follows --lang, the label of a field stands where its id stood.
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# has FILE TEXT / hasnt FILE TEXT: the output of the last expect_rc
has() { grep -qF -- "$1" "$T/last.out" || fail "$2: no \"$1\" in: $(cat "$T/last.out")"; }
hasnt() { ! grep -qF -- "$1" "$T/last.out" || fail "$2: \"$1\" in: $(cat "$T/last.out")"; }

N=$(as --user admin new complaint --set customer_name=张三 --set phone=13800138000 \
	--set description=车门坏了) || { echo "FAIL: new"; exit 1; }

# Errors name the field by its label in the user's language, not its id.
expect_rc 6 as --user admin edit "$N" --set fault_class=body --set distance_km=-5
has "服务半径(公里)应在 0 到 5000 之间" "zh range"; hasnt distance_km "zh range"
expect_rc 6 as --lang en --user admin edit "$N" --set fault_class=body --set distance_km=-5
has "Distance (km) must be between 0 and 5000" "en range"; hasnt distance_km "en range"
expect_rc 6 as --user admin edit "$N" --set customer_name=
has "客户名称为必填项" "zh required"; hasnt customer_name "zh required"
expect_rc 6 as --user branch_manager do "$N" accept --set category=quality
has "受理需要填写负责人" "zh requires"; hasnt "owner" "zh requires"
expect_rc 6 as --user admin edit "$N" --set channel=fax
has "来源：“fax”无效" "zh enum"; hasnt "channel" "zh enum"

finish
