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
  --scenarios LIST    comma-separated subset of interactions,uploads,events,replay,startup (default: all)
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

fail() {
	echo "bench/run.sh: $*" >&2
	exit 1
}

log() {
	echo "[bench] $*" >&2
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

quick=false
postgres=false
jdk=""
out="$root/bench/results/latest.md"
scenarios="interactions,uploads,events,replay,startup"
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
			| --authorization-context | --address | --noop-path | --management | --admin-token | --grpc | --grpc-cert)
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

work=$(mktemp -d /tmp/interaction-bench.XXXXXX)
service_pid=""
pg_data=""
pg_bin=""

stop_service() {
	if [[ -n "$service_pid" ]] && kill -0 "$service_pid" 2>/dev/null; then
		kill "$service_pid" 2>/dev/null || true
		for _ in $(seq 1 150); do
			kill -0 "$service_pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$service_pid" 2>/dev/null || true
		wait "$service_pid" 2>/dev/null || true
	fi
	service_pid=""
}

cleanup() {
	stop_service
	if [[ -n "$pg_data" ]]; then
		runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	if $keep; then
		log "kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# --- what the run is measured on -------------------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc)
memory_gb=$(awk '/MemTotal/ {printf "%.1f", $2 / 1024 / 1024}' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
	commit="$commit (with uncommitted changes)"
fi
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
run_start=$(date +%s)
log "load average before the run: $load_before"

# --- build -----------------------------------------------------------------------------------------------------
if ! $skip_build; then
	log "building the service jar and the load generator (./mvnw package -DskipTests)"
	./mvnw -B -q -DskipTests package
fi
jar=$(ls target/interaction-service-*.jar 2>/dev/null | grep -v '\.original$' | head -1)
[[ -n "$jar" ]] || fail "no service jar in target/ (run without --skip-build)"
[[ -d target/test-classes/org/byoc/interaction/bench ]] || fail "no load generator in target/test-classes"
classpath_file="$root/target/bench-classpath.txt"
if [[ ! -s "$classpath_file" || "$classpath_file" -ot pom.xml ]]; then
	log "resolving the test classpath for the load generator"
	./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
fi
generator_cp="$root/target/test-classes:$root/target/classes:$(cat "$classpath_file")"

# Sets the variable named $1 to a port nobody listens on or uses, never one handed out before in this run.
handed_out=" "
pick_port() {
	local port
	for _ in $(seq 1 100); do
		port=$((20000 + RANDOM % 40000))
		[[ "$handed_out" == *" $port "* ]] && continue
		if ! ss -Htan "sport = :$port" | grep -q .; then
			handed_out+="$port "
			printf -v "$1" '%s' "$port"
			return
		fi
	done
	fail "no free port found"
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# Starts the service jar ($1: java, $2: data dir, $3: log file, then extra JVM options before -jar, '--', and
# extra application arguments); sets service_pid and the ports.
start_service() {
	local java="$1" data="$2" logfile="$3"
	shift 3
	local jvm_options=() app_args=()
	while [[ $# -gt 0 && "$1" != "--" ]]; do jvm_options+=("$1"); shift; done
	[[ $# -gt 0 ]] && shift
	app_args=("$@")
	pick_port api_port
	pick_port management_port
	pick_port grpc_port
	"$java" "${jvm_options[@]}" -jar "${service_jar:-$jar}" \
		--spring.profiles.active=bench \
		--server.port="$api_port" --server.address=127.0.0.1 \
		--management.server.port="$management_port" --management.server.address=127.0.0.1 \
		--spring.grpc.server.port="$grpc_port" --spring.grpc.server.address=127.0.0.1 \
		--interactionservice.data-dir="$data" \
		--interactionservice.admin.public-key="$work/admin/admin_public.pem" \
		--interactionservice.ratelimit.requests-per-second=1000000 \
		"${datasource_args[@]}" "${app_args[@]}" >"$logfile" 2>&1 &
	service_pid=$!
}

# Waits for readiness on the management port; prints the milliseconds since $1 (launch time in ms). Exits 3
# when the service could not bind a port (another process took it between the check and the bind).
await_ready() {
	local launched="$1" logfile="$2"
	for _ in $(seq 1 1200); do
		if curl -fsS -o /dev/null "http://127.0.0.1:$management_port/actuator/health/readiness" 2>/dev/null; then
			echo $(($(now_ms) - launched))
			return
		fi
		if ! kill -0 "$service_pid" 2>/dev/null; then
			grep -qE 'already in use|Address already in use' "$logfile" && return 3
			tail -40 "$logfile" >&2
			fail "the service exited while starting"
		fi
		sleep 0.1
	done
	tail -40 "$logfile" >&2
	fail "the service was not ready within 120 s"
}

# start_service, then await_ready, again on other ports when one was taken meanwhile; sets ready_ms.
launch() {
	local logfile="$3" launched attempt status
	for attempt in 1 2 3; do
		launched=$(now_ms)
		start_service "$@"
		status=0
		ready_ms=$(await_ready "$launched" "$logfile") || status=$?
		((status == 0)) && return
		((status == 3)) || exit "$status"
		[[ $attempt -lt 3 ]] || fail "no free ports after 3 attempts"
		log "a port was taken meanwhile; starting again on other ports"
	done
}

rss_mb() {
	awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}

datasource_args=()
service_java_version=""
results="$work/results.md"
: >"$results"

if [[ -z "$target" ]]; then
	service_java_version=$("$java_bin" -version 2>&1 | head -1)
	log "admin key pair (generate_admin_key.sh)"
	admin_token=$(./generate_admin_key.sh --dir "$work/admin" --ttl 2h 2>/dev/null)

	if $postgres; then
		pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
		if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]]; then
			log "installing Debian's postgresql package (apt-get)"
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null \
				|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; } \
				|| fail "could not install postgresql with apt-get"
			pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
		fi
		pick_port pg_port
		mkdir -p "$work/pg"
		chown postgres "$work/pg"
		chmod 755 "$work"
		pg_data="$work/pg/data"
		log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') as a throw-away cluster on 127.0.0.1:$pg_port"
		runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 >/dev/null
		runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/postgres.log" -w \
			-o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
		datasource_args=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:$pg_port/postgres"
			--spring.datasource.username=postgres --spring.datasource.password=
			--interactionservice.demo.allow-with-external-database=true)
		database="PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') (Debian package, local cluster, default settings; its own CPU is not in the service CPU columns)"
	else
		database="H2 (embedded, file in the data directory)"
	fi

	if has interactions || has uploads || has events || has replay; then
		log "starting the service ($service_java_version)"
		# shellcheck disable=SC2086 # word splitting of the options is intended
		launch "$java_bin" "$work/data" "$work/service.log" ${BENCH_SERVICE_JVM_OPTIONS:-} --
		log "ready after $ready_ms ms (pid $service_pid, API :$api_port, management :$management_port, gRPC :$grpc_port)"
		token=$(scripts/get-token.sh --consumer-key "$consumer_key" --username "$username" \
			--key "$work/data/demo/server.key" --endpoint "http://127.0.0.1:$api_port")
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
	scenarios="${scenarios//startup/}"
fi

generator_scenarios=$(echo "$scenarios" | tr ',' '\n' | grep -E '^(interactions|uploads|events|replay)$' | paste -sd, - || true)
if [[ -n "$generator_scenarios" ]]; then
	generator_args=(--api "$api" --token "$token" --org-id "$org_id"
		--authorization-context "$authorization_context" --address "$address" --out "$results"
		--scenarios "$generator_scenarios")
	[[ -n "$noop_path" ]] && generator_args+=(--noop-path "$noop_path")
	[[ -n "$management" ]] && generator_args+=(--management "$management")
	[[ -n "$admin_token" ]] && generator_args+=(--admin-token "$admin_token")
	[[ -n "$grpc" ]] && generator_args+=(--grpc "$grpc" --grpc-cert "$grpc_cert")
	[[ -n "$service_pid" ]] && generator_args+=(--pid "$service_pid")
	$quick && generator_args+=(--quick)
	log "load generator: $generator_scenarios"
	java -Xmx1g -cp "$generator_cp" org.byoc.interaction.bench.Bench "${generator_args[@]}" \
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
	datasource_args=()
	: >"$work/startup.md"
	log "start-up: preparing a data directory and the extracted jar"
	launch "$java_bin" "$work/startup-data" "$work/startup-init.log"
	stop_service
	jdk_name() {
		"$1" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+)[^"]*".*/JDK \1/'
	}
	startup_row "$(jdk_name "$java_bin"), jar" "$java_bin" --
	if ! $quick; then
		"$java_bin" -Djarmode=tools -jar "$jar" extract --destination "$work/extracted" >/dev/null
		extracted=$(ls "$work"/extracted/*.jar | head -1)
		# A training run that writes a class archive and stops once the context is up, then a row started with it
		# ($1: java, $2: label, $3: the option that writes the archive, $4: the one that reads it, $5: the archive).
		trained_row() {
			log "start-up: $2 training run ($name)"
			service_jar="$extracted" start_service "$1" "$work/startup-data" "$work/train.log" "$3" \
				-Dspring.context.exit=onRefresh --
			wait "$service_pid" 2>/dev/null || true
			service_pid=""
			if [[ -f "$5" ]]; then
				service_jar="$extracted" startup_row "$name, extracted + $2" "$1" "$4" --
			fi
		}
		jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
		for java in "$java_bin" "$jdk25"; do
			[[ -x "$java" ]] || continue
			name=$(jdk_name "$java")
			major=$("$java" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')
			if [[ "$java" != "$java_bin" ]]; then
				startup_row "$name, jar" "$java" --
			fi
			service_jar="$extracted" startup_row "$name, extracted" "$java" --
			if ((major >= 25)); then
				trained_row "$java" "AOT cache" "-XX:AOTCacheOutput=$work/app.aot" "-XX:AOTCache=$work/app.aot" \
					"$work/app.aot"
			else
				trained_row "$java" "AppCDS" "-XX:ArchiveClassesAtExit=$work/app.jsa" \
					"-XX:SharedArchiveFile=$work/app.jsa" "$work/app.jsa"
			fi
		done
	fi
	{
		echo "## Start-up and idle memory"
		echo
		echo "A restart on an initialised data directory (H2), no load. 'Started in' is Spring's own figure; 'ready' runs"
		echo "from launching the JVM to the first 200 from \`/actuator/health/readiness\`; RSS is read 5 s after ready."
		echo
		echo "| JVM and packaging | Started in (s) | ready (s) | RSS idle (MB) |"
		echo "|---|---:|---:|---:|"
		cat "$work/startup.md"
		echo
	} >>"$results"
fi

# --- the results file ------------------------------------------------------------------------------------------
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
minutes=$((($(date +%s) - run_start + 59) / 60))
mkdir -p "$(dirname "$out")"
{
	echo "# Benchmark results"
	echo
	echo "Written by \`bench/run.sh$($quick && echo ' --quick')$($postgres && echo ' --postgres')$([[ -n "$target" ]] && echo " --target $target")\`; do not edit by hand."
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
