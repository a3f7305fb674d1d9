# report.sh - sourced by the fuzz runners after their libFuzzer run:
#   fuzz_report NAME RC WORK
# prints the end of WORK/log, fails when the target left files in
# WORK/tmp, and on failure shows each input libFuzzer kept (crash, leak,
# timeout, oom) and the lines of the log that say why.  Exits the script.
fuzz_report() {
	_name=$1 _rc=$2 _work=$3
	tail -n 15 "$_work/log"
	if [ -n "$(ls -A "$_work/tmp")" ]; then
		echo "run_$_name: the target left files behind:" \
		    "$(ls -A "$_work/tmp")"
		[ "$_rc" != 0 ] || _rc=1
	fi
	if [ "$_rc" != 0 ]; then
		for _f in "$_work"/crash-* "$_work"/leak-* "$_work"/timeout-* \
		    "$_work"/oom-*; do
			[ -f "$_f" ] || continue
			echo "input that failed ($(basename "$_f")):"
			od -A d -c "$_f" | head -n 20
		done
		grep -E "ERROR|SUMMARY|$_name:" "$_work/log" | head -n 10
		echo "run_$_name: FAILED (exit $_rc)"
		exit 1
	fi
	echo "run_$_name: ok"
	exit 0
}
