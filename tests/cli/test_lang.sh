#!/bin/sh
# Language at the command line (issue 9, "one language"): every message
# follows --lang, the label of a field stands where its id stood.
#
# Every command's usage and error paths run twice: with --lang en nothing
# Chinese may appear (no Han character, no full-width punctuation: the
# inputs are ASCII, so anything Chinese would be a message); by default
# (zh) each says something in Chinese.
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

# A Chinese character or Chinese punctuation in file $1?
chinese() { LC_ALL=C.UTF-8 grep -qP '[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}\x{201c}\x{201d}]' "$1"; }
both() { # every command line given as one string (word-split)
	for line in "$@"; do
		# shellcheck disable=SC2086
		"$BIN" --lang en $line >"$T/en.out" 2>&1
		chinese "$T/en.out" && fail "--lang en $line: Chinese in: $(cat "$T/en.out")"
		# shellcheck disable=SC2086
		"$BIN" $line >"$T/zh.out" 2>&1
		chinese "$T/zh.out" || fail "$line (zh): no Chinese in: $(cat "$T/zh.out")"
	done
}
printf 'roles:\n  admin: {zh: x}\nusers:\n  x: {name: X, roles: [nobody]}\nbogus: 1\n' >"$T/bad.yaml"
mkdir -p "$T/full" && touch "$T/full/x" "$T/file"
printf 'customer_name,phone\n' >"$T/hdr.csv"
both "--help" "--version" "--frob" "--db" "--lang xx list" "frobnicate" \
	"check-config $T/bad.yaml" "fields $T/none.yaml" \
	"init $T/file" "init $AFTERSALES_DB" "init a b" \
	"--db $T/nowhere list" "--db $T/full list" "--config $T/none.yaml list" \
	"verify x" "reindex x" \
	"new" "--user admin new nosuchtype --set a=b" "--user admin new complaint --set x" \
	"--user admin new complaint --set nosuch=1" "--user admin new complaint --set phone=12ab" \
	"status" "status zzzzzz" "status $N --format xml" \
	"show" "show C2026-999999" \
	"do" "do $N" "--user admin do $N nosuchstep" "--user admin do C2026-999999 accept" \
	"--user admin do $N,C2026-999999 accept" "--user admin do $N,$N accept" \
	"--user admin do $N,$N accept --rev 1" "do --batch $T/none.txt accept" \
	"--user engineer do $N accept --set owner=zhangwei" "--user admin do $N accept --rev x" \
	"edit" "--user admin edit $N --set customer_name=" "--user admin edit $N --rev 9 --set address=x" \
	"--user admin edit $N --set distance_km=-5 --set fault_class=body" \
	"list a b" "list --sort size" "list --state nosuch" "list --format xml" "list nosuchtype" \
	"import" "--user admin import complaint $T/none.csv" "--user admin import nosuchtype $T/hdr.csv" \
	"export" "export complaint --format xml" "export nosuchtype" \
	"demo x" "--user engineer demo" "backup" "--user admin backup $T/full" \
	"users x" ""
finish
