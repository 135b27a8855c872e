#!/usr/bin/env bash
# Compares a git ref with the working tree in one run on this machine: builds both, runs both services side by
# side (own ports, own data directories), alternates short rounds of the same load on each, and writes each figure
# for both with their ratio (bench/results/compare-<ref>.md). Everything talks to 127.0.0.1 only.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: bench/compare.sh <git-ref> [options]

Builds <git-ref> (in a temporary git worktree, with its own ./mvnw -DskipTests package; the jar is kept in
target/bench-refs/ for the next comparison) and the working tree, starts both services, and measures them in
alternating rounds with the working tree's load generator:

  interactions   text interactions at 1,000/s (p50, p99, service CPU per request) and at saturation (16
                 connections), and the same on the do-nothing endpoint where the build has it
  events         agent reply → gRPC subscriber at 500 replies/s (p50, p99, max)
  startup        start to ready, a restart on an initialised data directory (H2), for each --start-modes
  first-minute   a fresh start, then 16 connections at once: the first 60 s ÷ the steady state, for each
                 --start-modes (one start per side and mode: the longest part, about 4 min per start)

Each figure is the median of the rounds, with the spread (lowest–highest, and how many); the ratio is working
tree ÷ ref. Only same-run ratios mean much on a shared machine: compare runs by their ratios, not by their
absolute numbers.

  --rounds N          rounds of interactions and events, and restarts per side (default 5; --quick: 2)
  --quick             a short run (about 12 minutes): 2 rounds, 4 s steps, first-minute windows of 20 s
  --postgres          both services on one throw-away PostgreSQL cluster (Debian's package), a database each;
                      default: H2 (start-up rows always restart on H2)
  --scenarios LIST    subset of interactions,events,startup,first-minute (default: all)
  --start-modes LIST  for startup and first-minute (default: jar,aot): jar, extracted, appcds (JDK 17), jar25,
                      extracted25, aot (JDK 25 AOT cache by scripts/warm-start.sh); see bench/run.sh --help
  --jdk DIR           the JDK that runs both services for the load rounds and the jar mode (default: java on the
                      PATH)
  --out FILE          the report (default: bench/results/compare-<short ref>.md)
  --skip-build        do not build the working tree (use its target/ as it is)
  --rebuild           build the ref even when target/bench-refs/ has its jar
  --keep              keep the temp directory (logs, data, the rounds' figures)
  -h, --help          this help

Hold the build lock for the whole run on a shared machine: flock /work/coord/mvn.lock bench/compare.sh main
USAGE
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bench_name="bench/compare.sh"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

ref=""
rounds=""
quick=false
postgres=false
scenarios="interactions,events,startup,first-minute"
start_modes="jar,aot"
jdk=""
out=""
skip_build=false
rebuild=false
keep=false
while [[ $# -gt 0 ]]; do
	case "$1" in
		-h | --help) usage; exit 0 ;;
		--quick) quick=true ;;
		--postgres) postgres=true ;;
		--skip-build) skip_build=true ;;
		--rebuild) rebuild=true ;;
		--keep) keep=true ;;
		--rounds | --scenarios | --start-modes | --jdk | --out)
			[[ $# -ge 2 ]] || fail "$1 needs a value (see --help)"
			case "$1" in
				--rounds) rounds="$2" ;;
				--scenarios) scenarios="$2" ;;
				--start-modes) start_modes="$2" ;;
				--jdk) jdk="$2" ;;
				--out) out="$2" ;;
			esac
			shift
			;;
		-*) usage >&2; fail "unknown option $1" ;;
		*) [[ -z "$ref" ]] || fail "one git ref only (got $ref and $1)"; ref="$1" ;;
	esac
	shift
done
[[ -n "$ref" ]] || { usage >&2; fail "give the git ref to compare with"; }
rounds=${rounds:-$($quick && echo 2 || echo 5)}
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || fail "--rounds must be a positive number"
for scenario in ${scenarios//,/ }; do
	case "$scenario" in
		interactions | events | startup | first-minute) ;;
		*) fail "unknown scenario $scenario (see --help)" ;;
	esac
done
has() {
	[[ ",$scenarios," == *",$1,"* ]]
}

java_bin=$(command -v java || true)
if [[ -n "$jdk" ]]; then
	java_bin="$jdk/bin/java"
fi
[[ -n "$java_bin" && -x "$java_bin" ]] || fail "no java (give --jdk)"
command -v curl >/dev/null || fail "curl is needed"
command -v openssl >/dev/null || fail "openssl is needed"

ref_commit=$(git rev-parse --verify --quiet "$ref^{commit}") || fail "$ref is no commit of this repository"
ref_short=$(git rev-parse --short "$ref_commit")
out=${out:-$root/bench/results/compare-$ref_short.md}
work_commit=$(describe_commit "$root")

work=$(mktemp -d /tmp/interaction-compare.XXXXXX)
ref_src=""
pids=()

cleanup() {
	local pid
	stop_service
	for pid in "${pids[@]}"; do
		stop_service "$pid"
	done
	stop_postgres
	if [[ -n "$ref_src" && -d "$ref_src" ]]; then
		git -C "$root" worktree remove --force "$ref_src" >/dev/null 2>&1 || true
	fi
	if $keep; then
		log "kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

describe_machine
log "load average before the run: $load_before"

# --- the two builds ------------------------------------------------------------------------------------------------
ref_jar="$root/target/bench-refs/$ref_commit.jar"
if $rebuild || [[ ! -f "$ref_jar" ]]; then
	ref_src="$work/ref-src"
	log "checking out $ref_short in a temporary worktree"
	git -C "$root" worktree add --detach --quiet "$ref_src" "$ref_commit"
	build_checkout "$ref_src"
	built=$(service_jar_of "$ref_src")
	[[ -n "$built" ]] || fail "the build of $ref_short left no service jar"
	mkdir -p "$root/target/bench-refs"
	cp "$built" "$ref_jar"
	git -C "$root" worktree remove --force "$ref_src"
	ref_src=""
else
	log "using $ref_short's jar from target/bench-refs/ (--rebuild builds it again)"
fi
$skip_build || build_checkout "$root"
work_jar=$(service_jar_of "$root")
[[ -n "$work_jar" ]] || fail "no service jar in target/ (run without --skip-build)"
resolve_generator

sides=(ref work)
declare -A jar_of=([ref]="$ref_jar" [work]="$work_jar")
declare -A label_of=([ref]="$ref_short" [work]="working tree ($work_commit)")
mkdir -p "$work/figures/ref" "$work/figures/work"
: >"$work/details.md"

admin_token=$(admin_token_for_run)
if $postgres; then
	start_postgres
	create_database ref
	create_database work
	database="PostgreSQL $pg_version (Debian package, one local cluster, a database per service)"
else
	database="H2 (embedded, a data directory per service)"
fi
service_java_version=$("$java_bin" -version 2>&1 | head -1)

# Writes one figure of side $1 to its own file ($2: file name, $3: key, $4: label, $5: unit, $6: value, $7: better).
figure_file() {
	printf '{"figures":[{"key":"%s","label":"%s","unit":"%s","value":%s,"better":"%s"}],"skipped":[]}\n' \
		"$3" "$4" "$5" "$6" "$7" >"$work/figures/$1/$2.json"
}

skipped_file() {
	printf '{"figures":[],"skipped":[{"what":"%s","why":"%s"}]}\n' "$3" "$4" >"$work/figures/$1/$2.json"
}

# The two sides in the order of round $1: odd rounds start with the ref, even ones with the working tree.
order() {
	if (($1 % 2 == 1)); then echo "ref work"; else echo "work ref"; fi
}

# --- load rounds on both services, side by side --------------------------------------------------------------------
declare -A pid_of api_of management_of grpc_of data_of token_of noop_of
if has interactions || has events; then
	for side in "${sides[@]}"; do
		$postgres && postgres_datasource "$side"
		log "starting $side (${label_of[$side]})"
		service_jar="${jar_of[$side]}" launch "$java_bin" "$work/$side-data" "$work/$side.log" --
		pids+=("$service_pid")
		pid_of[$side]=$service_pid
		api_of[$side]="http://127.0.0.1:$api_port"
		management_of[$side]="http://127.0.0.1:$management_port"
		grpc_of[$side]="127.0.0.1:$grpc_port"
		data_of[$side]="$work/$side-data"
		token_of[$side]=$(partner_token "$work/$side-data" "$api_port")
		# the do-nothing endpoint, where the build has it (an empty multipart part is refused, a real one not)
		status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "${api_of[$side]}/api/v1/bench/noop" \
			-H "Authorization: Bearer ${token_of[$side]}" -H "OrgId: 00D5g000004SWby" \
			-H "AuthorizationContext: Partner_ChannelDefinition" -H "RequestId: $(cat /proc/sys/kernel/random/uuid)" \
			-F 'json={"probe":true};type=application/json' || true)
		if [[ "$status" == 202 ]]; then
			noop_of[$side]="/api/v1/bench/noop"
		else
			noop_of[$side]=""
			skipped_file "$side" noop "the do-nothing endpoint" "POST /api/v1/bench/noop answered $status: the build has none"
			log "$side has no do-nothing endpoint (HTTP $status)"
		fi
		service_pid=""
	done
	datasource_args=()

	load_scenarios=$(echo "interactions,events" | tr ',' '\n' | while read -r s; do has "$s" && echo "$s"; done | paste -sd, -)
	step=$($quick && echo 4 || echo 8)
	# Arguments of the load generator for side $1.
	generator_for() {
		local side="$1"
		generator_args=(--api "${api_of[$side]}" --token "${token_of[$side]}" --pid "${pid_of[$side]}"
			--management "${management_of[$side]}" --admin-token "$admin_token"
			--grpc "${grpc_of[$side]}" --grpc-cert "${data_of[$side]}/tls/pubsub.crt"
			--scenarios "$load_scenarios" --keep-going --out "$work/rounds.md")
		[[ -n "${noop_of[$side]}" ]] && generator_args+=(--noop-path "${noop_of[$side]}")
		$quick && generator_args+=(--quick)
		return 0
	}
	for side in "${sides[@]}"; do
		log "warming up $side until its JIT has settled"
		generator_for "$side"
		run_generator "${generator_args[@]}" --warm-up-only --warm-up-seconds "$($quick && echo 30 || echo 120)" \
			--events-warm-up-seconds "$($quick && echo 10 || echo 30)" \
			|| { tail -30 "$work/$side.log" >&2; fail "the load generator failed on $side"; }
	done
	for round in $(seq 1 "$rounds"); do
		for side in $(order "$round"); do
			log "round $round/$rounds: $side"
			generator_for "$side"
			run_generator "${generator_args[@]}" --warm-up-seconds 4 --step-seconds "$step" --rates 1000 \
				--events-rates 500 --events-idle 0 --events-warm-up-seconds 3 --events-step-seconds "$step" \
				--json "$work/figures/$side/load-$(printf %02d "$round").json" \
				|| { tail -30 "$work/$side.log" >&2; fail "the load generator failed on $side"; }
		done
	done
	for side in "${sides[@]}"; do
		errors=$(grep -c ' ERROR ' "$work/$side.log" || true)
		echo "- ERROR lines in the log of $side: $errors" >>"$work/details.md"
		stop_service "${pid_of[$side]}"
	done
fi

# --- start to ready ------------------------------------------------------------------------------------------------
if has startup; then
	datasource_args=()
	for side in "${sides[@]}"; do
		log "start-up: initialising a data directory for $side"
		service_jar="${jar_of[$side]}" launch "$java_bin" "$work/$side-startup-data" "$work/$side-startup.log" --
		stop_service
	done
	for mode in ${start_modes//,/ }; do
		for round in $(seq 1 "$rounds"); do
			for side in $(order "$round"); do
				prepare_start_mode "$mode" "${jar_of[$side]}" "$work/start-$side-$mode" || continue 3
				service_launcher=("${mode_launcher[@]}")
				service_jar="$mode_jar" launch "$mode_java" "$work/$side-startup-data" "$work/$side-startup.log" --
				stop_service
				service_launcher=()
				log "start-up $side, $mode_label: ready after $ready_ms ms"
				figure_file "$side" "startup-$mode-$(printf %02d "$round")" "startup.$mode.ready" \
					"start to ready: $mode_label" s "$(awk -v ms="$ready_ms" 'BEGIN {printf "%.2f", ms / 1000}')" lower
			done
		done
	done
fi

# --- the first minute after a fresh start --------------------------------------------------------------------------
if has first-minute; then
	{
		echo "## The first minute after start, in detail"
		echo
		echo "One fresh start per side and way of starting (empty data directory), then text interactions back to back on"
		echo "16 connections at once: the first $($quick && echo 20 || echo 60) s by slice, then, once the JIT has settled (bounded), the steady window."
		echo
		echo "| build | start | ready s | first window req/s | steady req/s | first ÷ steady | req/s by slice of the first window | service CPU µs/req, first / steady | errors |"
		echo "|---|---|---:|---:|---:|---:|---|---:|---|"
	} >>"$work/details.md"
	turn=0
	for mode in ${start_modes//,/ }; do
		turn=$((turn + 1))
		for side in $(order "$turn"); do
			prepare_start_mode "$mode" "${jar_of[$side]}" "$work/start-$side-$mode" || continue
			if $postgres; then
				create_database "fm_${side}_$mode"
				postgres_datasource "fm_${side}_$mode"
			else
				datasource_args=()
			fi
			log "first minute: $side, $mode_label"
			service_launcher=("${mode_launcher[@]}")
			service_jar="$mode_jar" launch "$mode_java" "$work/fm-$side-$mode" "$work/fm-$side-$mode.log" --
			service_launcher=()
			fm_token=$(partner_token "$work/fm-$side-$mode" "$api_port")
			: >"$work/fm-row.md"
			run_generator --api "http://127.0.0.1:$api_port" --token "$fm_token" --pid "$service_pid" \
				--scenarios first-minute --mode "$mode" --ready-ms "$ready_ms" --out "$work/fm-row.md" \
				--json "$work/figures/$side/first-minute-$mode.json" $($quick && echo --quick) \
				|| { tail -30 "$work/fm-$side-$mode.log" >&2; fail "the load generator failed on $side"; }
			stop_service
			sed "s/^| $mode |/| ${label_of[$side]} | $mode_label |/" "$work/fm-row.md" >>"$work/details.md"
		done
	done
	echo >>"$work/details.md"
fi

# --- the report ------------------------------------------------------------------------------------------------------
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
minutes=$((($(date +%s) - run_start + 59) / 60))
mkdir -p "$(dirname "$out")"
{
	echo "# $ref_short compared with the working tree"
	echo
	echo "Written by \`bench/compare.sh $ref$($quick && echo ' --quick')$($postgres && echo ' --postgres')$([[ "$scenarios" != "interactions,events,startup,first-minute" ]] && echo " --scenarios $scenarios")\`; do not edit by hand."
	echo
	echo "**Only the ratios of this one run count.** The machine is shared and noisy: absolute figures move between"
	echo "runs with what the neighbours do, but both builds ran here side by side, in alternating rounds, under the"
	echo "same load from the same generator, so their ratio is the comparison. A difference counts as better or"
	echo "worse only when the two sides' ranges over the rounds do not overlap."
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| date | $started_at (about $minutes min) |"
	echo "| ref | \`$ref\` = $ref_short ($(git log -1 --format=%s "$ref_commit" | cut -c1-100)) |"
	echo "| working tree | $work_commit |"
	echo "| machine | $cores cores, $memory_gb GB memory, $cpu_model |"
	echo "| load average (1, 5, 15 min) | before: $load_before; after: $load_after |"
	echo "| service JVM | $service_java_version (start modes: $start_modes) |"
	echo "| database | $database |"
	echo "| rounds | $rounds per side, alternating which side goes first; $($quick && echo 4 || echo 8) s per step; each round 5 s of warm-up first |"
	echo "| load generator | the working tree's, Java, same machine (it shares the $cores cores with the services) |"
	echo
	echo "Cells: the median over the rounds (lowest–highest, rounds). Ratio: working tree ÷ $ref_short. Interactions"
	echo "at 1,000/s are an open model (latency from each request's intended send time), saturation is 16 connections"
	echo "back to back; service CPU per request is the service's user + system time over the step ÷ requests answered."
	echo "Both services were warmed until their JIT settled before the first round."
	echo
} >"$out"
generator_main=org.byoc.interaction.bench.CompareReport run_generator --figures "$work/figures" --sides ref,work \
	--labels "${label_of[ref]}|${label_of[work]}" --out "$out" >/dev/null
cat "$work/details.md" >>"$out"
log "report written to $out"
