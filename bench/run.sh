#!/usr/bin/env bash
# The Interaction Service benchmark: builds the service, starts it (H2, or PostgreSQL with --postgres), mints tokens
# through the real token endpoint, runs the load generator (Java, test classpath) and writes bench/results/latest.md.
# Everything runs on this machine and talks to 127.0.0.1 only.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: bench/run.sh [--quick] [--postgres] [--target URL ...] [options]

Builds the service with the Maven wrapper, starts it with the 'bench' profile in a throw-away data directory,
measures, and writes the tables to bench/results/latest.md (machine, commit, date, load average included).

  --quick             a short smoke run (under 3 minutes): fewer seconds per step, 10,000 replay events,
                      start-up measured once
  --postgres          run the service on PostgreSQL: Debian's 'postgresql' package (installed with apt-get when
                      absent), as a throw-away cluster in the temp directory; default is the embedded H2
  --jdk DIR           the JDK that runs the service (default: the 'java' on the PATH)
  --out FILE          where the results go (default: bench/results/latest.md)
  --scenarios LIST    comma-separated subset of interactions,uploads,events,replay,startup (the default: all five),
                      or the longer ones, each with its own results file:
                        first-minute  throughput in the first 60 s after start ÷ steady state, 16 connections, for
                                      each of --start-modes (about 3.5 min each): bench/results/warm-start.md
                        limits        10,000 Subscribe streams and 1,000 HTTP connections on one service started
                                      with the documented budget (--limits-xmx, --limits-nofile): heap, open files,
                                      threads, and whether all stayed served: bench/results/limits.md
  --start-modes LIST  ways of starting for first-minute (default: jar,extracted,appcds,aot; --quick: jar,aot):
                      jar, extracted (JDK of --jdk), appcds (extracted + AppCDS archive, JDK 17), jar25, extracted25,
                      aot (extracted + AOT cache, JDK 25); the caches are trained by scripts/warm-start.sh
  --limits-xmx SIZE   heap the limits service runs with (default: 512m, the budget in docs/operations.md)
  --limits-nofile N   open-files limit (ulimit -n) it runs with (default: 4096, ditto)
  --json FILE         also write the generator's figures for programs (what bench/compare.sh aggregates)
  --skip-build        use the jar and test classes already in target/
  --keep              keep the temp directory (logs, data) after the run

Aim the same load at another implementation (it must listen on this machine; ours is then not started, and only
what the target offers is measured: interactions and uploads, events and replay with --grpc and --management):
  --target URL        base URL of its partner API, e.g. http://127.0.0.1:8085
  --token TOKEN       an access token for it; or mint one through its token endpoint with
  --key FILE --consumer-key KEY --username USER   (scripts/get-token.sh)
  --org-id ID --authorization-context NAME --address ID   (default: the demo org's values)
  --noop-path PATH    a do-nothing endpoint there to compare with (default: none)
  --management URL --admin-token TOKEN   its management port and admin token (heap, agent replies)
  --grpc HOST:PORT --grpc-cert FILE      its Pub/Sub port and the certificate to trust
  -h, --help          this help

Environment: BENCH_SERVICE_JVM_OPTIONS adds JVM options to the measured service (not to the start-up rows), e.g.
  BENCH_SERVICE_JVM_OPTIONS='-XX:StartFlightRecording=filename=/tmp/bench.jfr' bench/run.sh --keep
USAGE
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bench_name="bench/run.sh"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

quick=false
postgres=false
jdk=""
out=""
scenarios="interactions,uploads,events,replay,startup"
start_modes=""
limits_xmx="512m"
limits_nofile=4096
json=""
skip_build=false
keep=false
target=""
token=""
key=""
consumer_key="3MVG9_acme_partner_app"
username="integration@acme.example"
org_id="00D5g000004SWby"
authorization_context="Partner_ChannelDefinition"
address="b0ffeafe-0d89-4338-b14a-172ad203f22a"
noop_path=""
management=""
admin_token=""
grpc=""
grpc_cert=""

while [[ $# -gt 0 ]]; do
	case "$1" in
		--quick) quick=true ;;
		--postgres) postgres=true ;;
		--skip-build) skip_build=true ;;
		--keep) keep=true ;;
		-h | --help) usage; exit 0 ;;
		--jdk | --out | --scenarios | --target | --token | --key | --consumer-key | --username | --org-id \
			| --authorization-context | --address | --noop-path | --management | --admin-token | --grpc | --grpc-cert \
			| --start-modes | --limits-xmx | --limits-nofile | --json)
			[[ $# -ge 2 ]] || fail "$1 needs a value (see --help)"
			value="$2"
			case "$1" in
				--jdk) jdk="$value" ;;
				--out) out="$value" ;;
				--scenarios) scenarios="$value" ;;
				--target) target="$value" ;;
				--token) token="$value" ;;
				--key) key="$value" ;;
				--consumer-key) consumer_key="$value" ;;
				--username) username="$value" ;;
				--org-id) org_id="$value" ;;
				--authorization-context) authorization_context="$value" ;;
				--address) address="$value" ;;
				--noop-path) noop_path="$value" ;;
				--management) management="$value" ;;
				--admin-token) admin_token="$value" ;;
				--grpc) grpc="$value" ;;
				--grpc-cert) grpc_cert="$value" ;;
				--start-modes) start_modes="$value" ;;
				--limits-xmx) limits_xmx="$value" ;;
				--limits-nofile) limits_nofile="$value" ;;
				--json) json="$value" ;;
			esac
			shift
			;;
		*) usage >&2; fail "unknown option $1" ;;
	esac
	shift
done

loopback_url() {
	[[ "$1" =~ ^https?://(127\.0\.0\.1|localhost|\[::1\]):[0-9]+(/.*)?$ ]]
}
if [[ -n "$target" ]]; then
	loopback_url "$target" || fail "--target must be a URL on this machine (127.0.0.1 or localhost with a port)"
	[[ -z "$management" ]] || loopback_url "$management" || fail "--management must be on this machine"
	[[ -z "$grpc" || "$grpc" =~ ^(127\.0\.0\.1|localhost):[0-9]+$ ]] || fail "--grpc must be 127.0.0.1:PORT"
	$postgres && fail "--postgres starts our service's database; it does not apply to --target"
fi

java_bin=$(command -v java || true)
[[ -n "$java_bin" ]] || [[ -n "$jdk" ]] || fail "no java on the PATH (or give --jdk)"
if [[ -n "$jdk" ]]; then
	java_bin="$jdk/bin/java"
	[[ -x "$java_bin" ]] || fail "no $java_bin"
fi
command -v curl >/dev/null || fail "curl is needed"
command -v openssl >/dev/null || fail "openssl is needed"

has() {
	[[ ",$scenarios," == *",$1,"* ]]
}
for scenario in ${scenarios//,/ }; do
	case "$scenario" in
		interactions | uploads | events | replay | startup | first-minute | limits) ;;
		*) fail "unknown scenario $scenario (see --help)" ;;
	esac
done
if [[ -z "$out" ]]; then
	case "$scenarios" in
		first-minute) out="$root/bench/results/warm-start.md" ;;
		limits) out="$root/bench/results/limits.md" ;;
		*) out="$root/bench/results/latest.md" ;;
	esac
fi
if [[ -z "$start_modes" ]]; then
	start_modes=$($quick && echo "jar,aot" || echo "jar,extracted,appcds,aot")
fi
if [[ -n "$target" ]]; then
	scenarios=$(echo "$scenarios" | tr ',' '\n' | grep -vE '^(startup|first-minute|limits)$' | paste -sd, - || true)
fi

work=$(mktemp -d /tmp/interaction-bench.XXXXXX)
pg_bin=""

cleanup() {
	stop_service
	stop_postgres
	if $keep; then
		log "kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# --- what the run is measured on -------------------------------------------------------------------------------
describe_machine
commit=$(describe_commit "$root")
log "load average before the run: $load_before"

# --- build -----------------------------------------------------------------------------------------------------
if ! $skip_build; then
	build_checkout "$root"
fi
jar=$(service_jar_of "$root")
[[ -n "$jar" ]] || fail "no service jar in target/ (run without --skip-build)"
resolve_generator

service_java_version=""
results="$work/results.md"
: >"$results"
generator_common=()

if [[ -z "$target" ]]; then
	service_java_version=$("$java_bin" -version 2>&1 | head -1)
	log "admin key pair (generate_admin_key.sh)"
	admin_token=$(admin_token_for_run)

	if $postgres; then
		start_postgres
		create_database bench
		postgres_datasource bench
		database="PostgreSQL $pg_version (Debian package, local cluster, default settings but max_connections=200; its own CPU is not in the service CPU columns)"
	else
		database="H2 (embedded, file in the data directory)"
	fi

	if has interactions || has uploads || has events || has replay; then
		log "starting the service ($service_java_version)"
		# shellcheck disable=SC2086 # word splitting of the options is intended
		launch "$java_bin" "$work/data" "$work/service.log" ${BENCH_SERVICE_JVM_OPTIONS:-} --
		log "ready after $ready_ms ms (pid $service_pid, API :$api_port, management :$management_port, gRPC :$grpc_port)"
		token=$(partner_token "$work/data" "$api_port")
		api="http://127.0.0.1:$api_port"
		management="http://127.0.0.1:$management_port"
		grpc="127.0.0.1:$grpc_port"
		grpc_cert="$work/data/tls/pubsub.crt"
		noop_path="/api/v1/bench/noop"
	fi
else
	api="$target"
	database="whatever the target uses"
	service_java_version="n/a (external target $target)"
	if [[ -z "$token" ]]; then
		[[ -n "$key" ]] || fail "with --target, give --token or --key (with --consumer-key and --username)"
		token=$(scripts/get-token.sh --consumer-key "$consumer_key" --username "$username" --key "$key" \
			--endpoint "$target")
	fi
fi
generator_common=(--org-id "$org_id" --authorization-context "$authorization_context" --address "$address")
$quick && generator_common+=(--quick)

generator_scenarios=$(echo "$scenarios" | tr ',' '\n' | grep -E '^(interactions|uploads|events|replay)$' | paste -sd, - || true)
if [[ -n "$generator_scenarios" ]]; then
	generator_args=(--api "$api" --token "$token" "${generator_common[@]}" --out "$results"
		--scenarios "$generator_scenarios")
	[[ -n "$noop_path" ]] && generator_args+=(--noop-path "$noop_path")
	[[ -n "$management" ]] && generator_args+=(--management "$management")
	[[ -n "$admin_token" ]] && generator_args+=(--admin-token "$admin_token")
	[[ -n "$grpc" ]] && generator_args+=(--grpc "$grpc" --grpc-cert "$grpc_cert")
	[[ -n "$service_pid" ]] && generator_args+=(--pid "$service_pid")
	[[ -n "$json" ]] && generator_args+=(--json "$json")
	log "load generator: $generator_scenarios"
	run_generator "${generator_args[@]}" \
		|| { [[ -f "$work/service.log" ]] && tail -40 "$work/service.log" >&2; fail "the load generator failed"; }
	if [[ -n "$service_pid" ]]; then
		grep -E ' ERROR ' "$work/service.log" | head -5 >&2 || true
		service_errors=$(grep -c ' ERROR ' "$work/service.log" || true)
	fi
	stop_service
fi

# --- start-up time and idle memory -----------------------------------------------------------------------------
# Each configuration starts on a data directory initialised once before (keys, certificate, migrated H2), so
# the figures are those of a restart, not of the very first start.
startup_row() {
	local label="$1" java="$2"
	shift 2
	local data="$work/startup-data" logfile="$work/startup.log" ready started rss
	launch "$java" "$data" "$logfile" "$@"
	ready="$ready_ms"
	started=$(grep -o 'Started InteractionServiceApplication in [0-9.]* seconds' "$logfile" | awk '{print $4}' | head -1)
	sleep 5
	rss=$(rss_mb "$service_pid")
	stop_service
	log "start-up $label: ready after $ready ms, RSS idle $rss MB"
	printf '| %s | %s | %.1f | %s |\n' "$label" "${started:-?}" "$(awk -v ms="$ready" 'BEGIN {print ms / 1000}')" "$rss" >>"$work/startup.md"
}

if [[ -z "$target" ]] && has startup; then
	saved_datasource=("${datasource_args[@]}")
	datasource_args=()
	: >"$work/startup.md"
	log "start-up: preparing a data directory"
	launch "$java_bin" "$work/startup-data" "$work/startup-init.log"
	stop_service
	modes="jar"
	$quick || modes="jar extracted appcds jar25 extracted25 aot"
	for mode in $modes; do
		prepare_start_mode "$mode" "$jar" "$work/start-$mode" || continue
		service_launcher=("${mode_launcher[@]}")
		service_jar="$mode_jar" startup_row "$mode_label" "$mode_java" --
	done
	service_launcher=()
	datasource_args=("${saved_datasource[@]}")
	{
		echo "## Start-up and idle memory"
		echo
		echo "A restart on an initialised data directory (H2), no load. 'Started in' is Spring's own figure; 'ready' runs"
		echo "from launching the JVM (or \`scripts/warm-start.sh run\`, which replaces itself with it) to the first 200"
		echo "from \`/actuator/health/readiness\`; RSS is read 5 s after ready. The AppCDS archive and the AOT cache"
		echo "are trained by \`scripts/warm-start.sh train\`: a run that serves partner traffic, then stops."
		echo
		echo "| JVM and packaging | Started in (s) | ready (s) | RSS idle (MB) |"
		echo "|---|---:|---:|---:|"
		cat "$work/startup.md"
		echo
	} >>"$results"
fi

# --- the first minute after start, for each way of starting ----------------------------------------------------
if [[ -z "$target" ]] && has first-minute; then
	{
		echo "## The first minute after start"
		echo
		echo "A fresh start (empty data directory, as in a partner's CI) in each way; as soon as it is ready, text"
		echo "interactions back to back on 16 connections (closed model). 'first window': the first $($quick && echo 20 || echo 60) s of"
		echo "load; then the same load goes on until the JIT has settled (under 0.2 s of compiling per 5 s, bounded),"
		echo "and 'steady' is the window after that, in the same process. Ready: from launch to the first 200 of"
		echo "\`/actuator/health/readiness\`. The AppCDS archive and the AOT cache are trained by"
		echo "\`scripts/warm-start.sh train\` (a run that serves partner traffic, then stops) and started with"
		echo "\`scripts/warm-start.sh run\`. Only same-run ratios mean much on a shared machine."
		echo
		echo "| start | ready s | first window req/s | steady req/s | first ÷ steady | req/s by slice of the first window | service CPU µs/req, first / steady | errors |"
		echo "|---|---:|---:|---:|---:|---|---:|---|"
	} >>"$results"
	for mode in ${start_modes//,/ }; do
		prepare_start_mode "$mode" "$jar" "$work/start-$mode" || continue
		if $postgres; then
			create_database "fm_$mode"
			postgres_datasource "fm_$mode"
		fi
		log "first minute: $mode_label"
		service_launcher=("${mode_launcher[@]}")
		service_jar="$mode_jar" launch "$mode_java" "$work/fm-$mode" "$work/fm-$mode.log" --
		fm_token=$(partner_token "$work/fm-$mode" "$api_port")
		run_generator --api "http://127.0.0.1:$api_port" --token "$fm_token" "${generator_common[@]}" \
			--pid "$service_pid" --scenarios first-minute --mode "$mode_label" --ready-ms "$ready_ms" \
			--out "$results" ${json:+--json "${json%.json}-first-minute-$mode.json"} \
			|| { tail -40 "$work/fm-$mode.log" >&2; fail "the load generator failed"; }
		stop_service
	done
	service_launcher=()
	echo >>"$results"
fi

# --- limits: many streams and connections within a budget ------------------------------------------------------
if [[ -z "$target" ]] && has limits; then
	if $postgres; then
		create_database limits
		postgres_datasource limits
	fi
	log "limits: starting the service with -Xmx$limits_xmx and ulimit -n $limits_nofile"
	service_limits="-n $limits_nofile" launch "$java_bin" "$work/limits-data" "$work/limits.log" "-Xmx$limits_xmx" --
	limits_token=$(partner_token "$work/limits-data" "$api_port")
	run_generator --api "http://127.0.0.1:$api_port" --token "$limits_token" "${generator_common[@]}" \
		--management "http://127.0.0.1:$management_port" --admin-token "$admin_token" \
		--grpc "127.0.0.1:$grpc_port" --grpc-cert "$work/limits-data/tls/pubsub.crt" --pid "$service_pid" \
		--scenarios limits --budget "\`-Xmx$limits_xmx\`, \`ulimit -n $limits_nofile\`" --out "$results" \
		${json:+--json "${json%.json}-limits.json"} \
		|| { tail -40 "$work/limits.log" >&2; fail "the load generator failed"; }
	grep -E ' ERROR ' "$work/limits.log" | head -5 >&2 || true
	service_errors=$(grep -c ' ERROR ' "$work/limits.log" || true)
	stop_service
fi

# --- the results file ------------------------------------------------------------------------------------------
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
minutes=$((($(date +%s) - run_start + 59) / 60))
mkdir -p "$(dirname "$out")"
{
	echo "# Benchmark results"
	echo
	echo "Written by \`bench/run.sh$($quick && echo ' --quick')$($postgres && echo ' --postgres')$([[ "$scenarios" != "interactions,uploads,events,replay,startup" ]] && echo " --scenarios $scenarios")$([[ -n "$target" ]] && echo " --target $target")\`; do not edit by hand."
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| date | $started_at (about $minutes min) |"
	echo "| commit | $commit |"
	echo "| machine | $cores cores, $memory_gb GB memory, $cpu_model |"
	echo "| load average (1, 5, 15 min) | before: $load_before; after: $load_after |"
	echo "| service JVM | $service_java_version, JVM options: ${BENCH_SERVICE_JVM_OPTIONS:-none} |"
	[[ -z "$target" ]] && echo "| service settings | profile \`bench\`; per-org rate limit raised to 1,000,000 req/s (still checked on every request) so it does not cap the load |"
	echo "| database | $database |"
	echo "| load generator | Java, same machine (it shares the $cores cores with the service) |"
	[[ -n "${service_errors:-}" ]] && echo "| ERROR lines in the service log | $service_errors |"
	echo
	cat "$results"
} >"$out"
log "results written to $out"
