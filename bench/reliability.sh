#!/usr/bin/env bash
# The reliability suite's long forms (issue 8): the kill -9 crash test under heavier and longer load, several rounds,
# then real fuzzing sessions (Jazzer, libFuzzer) on the json part decoder and on the interactions endpoint over HTTP.
# The short forms of the same tests run in every ./mvnw verify. Writes bench/results/reliability.md.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: bench/reliability.sh [--rounds N] [--crash-seconds S] [--crash-senders N] [--no-fuzz] [--out FILE]

  --rounds N          crash rounds, each a fresh service killed with kill -9 under load and restarted (default 3)
  --crash-seconds S   seconds of load before each kill (default 60)
  --crash-senders N   partner threads sending interactions (default 8; one more sends agent replies)
  --no-fuzz           skip the fuzzing sessions (30 s on the decoder, 5 min on each of the two endpoint targets)
  --out FILE          where the results go (default: bench/results/reliability.md)
  -h, --help          this help

A finding of the fuzzer (a crash input) is written into the test's Inputs directory under src/test/resources, fails
its session, and from then on replays in every ./mvnw verify until fixed.
USAGE
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

rounds=3
crash_seconds=60
crash_senders=8
fuzz=true
out="$root/bench/results/reliability.md"

while [[ $# -gt 0 ]]; do
	case "$1" in
		--rounds) rounds="$2"; shift ;;
		--crash-seconds) crash_seconds="$2"; shift ;;
		--crash-senders) crash_senders="$2"; shift ;;
		--no-fuzz) fuzz=false ;;
		--out) out="$2"; shift ;;
		-h | --help) usage; exit 0 ;;
		*) echo "bench/reliability.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

work=$(mktemp -d "${TMPDIR:-/tmp}/interaction-reliability.XXXXXX")
rows=()
failed=0
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Runs one Maven test selection; $1: label, $2: what it shows when it passes, then the Maven arguments.
run_step() {
	local label="$1" what="$2"
	shift 2
	local log="$work/step-${#rows[@]}.log" begin outcome detail
	echo "[reliability] $label" >&2
	begin=$(date +%s)
	if ./mvnw -B "$@" >"$log" 2>&1; then
		outcome="passed"
	else
		outcome="**FAILED** (log: $log)"
		failed=1
	fi
	detail=$(grep -ohE 'Killed after [0-9]+ accepted interactions and [0-9]+ agent replies' "$log" \
		target/surefire-reports/*CrashRecoveryTest-output.txt 2>/dev/null | tail -1 || true)
	[[ "$label" == crash* ]] || detail=$(grep -ohE '#[0-9]+[[:space:]]+DONE[[:space:]]+cov: [0-9]+ ft: [0-9]+.*exec/s: [0-9]+' "$log" | tail -1 || true)
	rows+=("| $label | $what | $(($(date +%s) - begin)) s | $outcome | ${detail:-} |")
}

echo "[reliability] building (test classes)" >&2
./mvnw -B -q test-compile >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }

for round in $(seq 1 "$rounds"); do
	run_step "crash, round $round" "$crash_senders senders and an agent for ${crash_seconds} s, kill -9, restart: nothing answered lost or doubled, full replay" \
		-q test -Dtest=CrashRecoveryTest -Dcrash.load-seconds="$crash_seconds" -Dcrash.senders="$crash_senders"
done

if $fuzz; then
	# Jazzer fuzzes (instead of replaying its inputs) when this is set
	export JAZZER_FUZZ=1
	run_step "fuzz decoder" "json part decoder: only contract refusals, never another exception" \
		test -Dtest='InteractionJsonPartFuzzTest#decodeJsonPart'
	run_step "fuzz endpoint, json part" "POST /api/v1/interactions over HTTP: 202 or a 4xx refusal, never 5xx or a hang" \
		test -Dtest='InteractionsEndpointFuzzTest#jsonPart'
	run_step "fuzz endpoint, multipart" "whole multipart bodies over HTTP: the same" \
		test -Dtest='InteractionsEndpointFuzzTest#multipartBody'
fi

mkdir -p "$(dirname "$out")"
{
	echo "# Reliability, long forms"
	echo
	echo "Written by \`bench/reliability.sh\`; do not edit by hand."
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| date | $started_at |"
	echo "| commit | $(git rev-parse --short HEAD 2>/dev/null || echo unknown) |"
	echo "| machine | $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo) GB memory |"
	echo "| load average (1, 5, 15 min) | before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) |"
	echo
	echo "| step | what must hold | took | outcome | last line |"
	echo "|---|---|---:|---|---|"
	printf '%s\n' "${rows[@]}"
} >"$out"
echo "[reliability] results written to $out" >&2
exit "$failed"
