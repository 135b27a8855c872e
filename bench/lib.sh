# shellcheck shell=bash
# What bench/run.sh and bench/compare.sh share: starting and stopping the service on free ports of 127.0.0.1,
# readiness, tokens, the throw-away PostgreSQL cluster, the machine's description, the build and the load generator.
# Sourced, not run. The caller sets bench_name (for messages) and work (its temp directory) first.

datasource_args=()
service_pid=""
pg_data=""

fail() {
	echo "${bench_name:-bench}: $*" >&2
	exit 1
}

log() {
	echo "[bench] $*" >&2
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# --- the machine ---------------------------------------------------------------------------------------------------
# Sets load_before, cpu_model, cores, memory_gb, started_at and run_start.
describe_machine() {
	load_before=$(cut -d' ' -f1-3 /proc/loadavg)
	cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
	cores=$(nproc)
	memory_gb=$(awk '/MemTotal/ {printf "%.1f", $2 / 1024 / 1024}' /proc/meminfo)
	started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
	run_start=$(date +%s)
}

# The short commit of the checkout in $1 (default: here), marked when it has uncommitted changes.
describe_commit() {
	local dir="${1:-.}" commit
	commit=$(git -C "$dir" rev-parse --short HEAD 2>/dev/null || echo unknown)
	if [[ -n "$(git -C "$dir" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
		commit="$commit (with uncommitted changes)"
	fi
	echo "$commit"
}

# 'JDK 17' for a java binary.
jdk_name() {
	"$1" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+)[^"]*".*/JDK \1/'
}

jdk_major() {
	"$1" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/'
}

jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

# --- build and the load generator ----------------------------------------------------------------------------------
# The service jar of the checkout in $1 (after ./mvnw package), on stdout.
service_jar_of() {
	ls "$1"/target/interaction-service-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true
}

# Builds the checkout in $1 with its own wrapper: the service jar and, there, the load generator's classes.
build_checkout() {
	log "building $1 (./mvnw -B -q -DskipTests package)"
	(cd "$1" && ./mvnw -B -q -DskipTests package)
}

# Sets generator_cp: the load generator of this checkout ($root) with its test classpath.
resolve_generator() {
	[[ -d "$root/target/test-classes/org/byoc/interaction/bench" ]] || fail "no load generator in target/test-classes"
	local classpath_file="$root/target/bench-classpath.txt"
	if [[ ! -s "$classpath_file" || "$classpath_file" -ot "$root/pom.xml" ]]; then
		log "resolving the test classpath for the load generator"
		(cd "$root" && ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test \
			-Dmdep.outputFile="$classpath_file" >/dev/null)
	fi
	generator_cp="$root/target/test-classes:$root/target/classes:$(cat "$classpath_file")"
}

# Runs the load generator (org.byoc.interaction.bench.Bench, or the class in $generator_main) with these arguments.
run_generator() {
	java -Xmx1g -cp "$generator_cp" "${generator_main:-org.byoc.interaction.bench.Bench}" "$@"
}

# --- ports, start, readiness, stop ---------------------------------------------------------------------------------
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

# Starts the service ($1: java, $2: data dir, $3: log file, then extra JVM options, '--', and extra application
# arguments); sets service_pid, api_port, management_port and grpc_port. The jar is $service_jar (else $jar);
# with service_launcher set (an array: a command that takes the application arguments after '--' and replaces
# itself with the JVM, as scripts/warm-start.sh run does) that command starts it instead of java -jar.
# datasource_args (an array) and service_limits (ulimit arguments, e.g. '-n 4096') apply when set.
start_service() {
	local java="$1" data="$2" logfile="$3"
	shift 3
	local jvm_options=() app_args=() command=()
	while [[ $# -gt 0 && "$1" != "--" ]]; do jvm_options+=("$1"); shift; done
	[[ $# -gt 0 ]] && shift
	app_args=("$@")
	pick_port api_port
	pick_port management_port
	pick_port grpc_port
	if [[ -n "${service_launcher+set}" && ${#service_launcher[@]} -gt 0 ]]; then
		command=("${service_launcher[@]}" --)
	else
		command=("$java" "${jvm_options[@]}" -jar "${service_jar:-$jar}")
	fi
	(
		# shellcheck disable=SC2086 # ulimit arguments
		[[ -n "${service_limits:-}" ]] && ulimit ${service_limits}
		exec "${command[@]}" \
			--spring.profiles.active=bench \
			--server.port="$api_port" --server.address=127.0.0.1 \
			--management.server.port="$management_port" --management.server.address=127.0.0.1 \
			--spring.grpc.server.port="$grpc_port" --spring.grpc.server.address=127.0.0.1 \
			--interactionservice.data-dir="$data" \
			--interactionservice.admin.public-key="$work/admin/admin_public.pem" \
			--interactionservice.ratelimit.requests-per-second=1000000 \
			"${datasource_args[@]}" "${app_args[@]}"
	) >"$logfile" 2>&1 &
	service_pid=$!
}

# Waits for readiness on the management port; prints the milliseconds since $1 (launch time in ms). Exits 3
# when the service could not bind a port (another process took it between the check and the bind).
await_ready() {
	local launched="$1" logfile="$2"
	for _ in $(seq 1 2400); do
		if curl -fsS -o /dev/null "http://127.0.0.1:$management_port/actuator/health/readiness" 2>/dev/null; then
			echo $(($(now_ms) - launched))
			return
		fi
		if ! kill -0 "$service_pid" 2>/dev/null; then
			grep -qE 'already in use|Address already in use' "$logfile" && return 3
			tail -40 "$logfile" >&2
			fail "the service exited while starting"
		fi
		sleep 0.05
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

# Stops the process $1 (default: $service_pid) cleanly, or kills it after 30 s.
stop_service() {
	local pid="${1:-$service_pid}"
	if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 150); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	[[ "$pid" == "${service_pid:-}" ]] && service_pid=""
	return 0
}

rss_mb() {
	awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}

# --- tokens --------------------------------------------------------------------------------------------------------
# The admin key pair in $work/admin (once); prints an admin token.
admin_token_for_run() {
	"$root/generate_admin_key.sh" --dir "$work/admin" --ttl 4h 2>/dev/null
}

# A partner access token for the demo org of the service whose data dir is $1, listening on API port $2.
partner_token() {
	"$root/scripts/get-token.sh" --consumer-key 3MVG9_acme_partner_app --username integration@acme.example \
		--key "$1/demo/server.key" --endpoint "http://127.0.0.1:$2"
}

# --- a throw-away PostgreSQL cluster -------------------------------------------------------------------------------
# Debian's package (installed with apt-get when absent), a cluster in $work/pg on 127.0.0.1; sets pg_bin, pg_data,
# pg_port and pg_version.
start_postgres() {
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
	pg_version=$("$pg_bin/postgres" --version | awk '{print $3}')
	log "PostgreSQL $pg_version as a throw-away cluster on 127.0.0.1:$pg_port"
	runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 >/dev/null
	runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/postgres.log" -w \
		-o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200 ${BENCH_POSTGRES_OPTIONS:-}" start >/dev/null
}

stop_postgres() {
	if [[ -n "${pg_data:-}" ]]; then
		runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
	fi
}

# Creates database $1 in the cluster; prints nothing.
create_database() {
	runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE DATABASE \"$1\"" >/dev/null
}

# The service's datasource arguments for database $1 of the cluster, into datasource_args.
postgres_datasource() {
	datasource_args=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:$pg_port/$1"
		--spring.datasource.username=postgres --spring.datasource.password=
		--interactionservice.demo.allow-with-external-database=true)
}

# --- ways of starting ----------------------------------------------------------------------------------------------
# Prepares start mode $1 of jar $2 in directory $3 (extracting, training a cache with scripts/warm-start.sh once
# per directory: give each jar and mode a directory of its own);
# sets mode_java, mode_jar, mode_label and mode_launcher (an array, empty for plain java -jar). Modes: jar (the
# default java), jar25, extracted, extracted25, appcds (extracted + AppCDS, JDK 17), aot (extracted + AOT cache,
# JDK 25). Answers 1 (and says why) when this machine cannot do the mode.
prepare_start_mode() {
	local mode="$1" uber="$2" dir="$3" java="$java_bin"
	mode_launcher=()
	case "$mode" in
		jar25 | extracted25 | aot) java="$jdk25" ;;
		appcds) java="${jdk17:-$java_bin}" ;;
	esac
	if [[ ! -x "$java" ]]; then
		log "start mode $mode: no $java here; skipped"
		return 1
	fi
	mode_java="$java"
	mode_label="$(jdk_name "$java"), "
	case "$mode" in
		jar | jar25)
			mode_jar="$uber"
			mode_label+="jar"
			;;
		extracted | extracted25)
			mkdir -p "$dir"
			[[ -f "$dir/interaction-service.jar" ]] || "$java" -Djarmode=tools -jar "$uber" extract --destination "$dir" \
				--application-filename interaction-service.jar --force >/dev/null
			mode_jar="$dir/interaction-service.jar"
			mode_label+="extracted"
			;;
		appcds | aot)
			if [[ "$mode" == appcds ]] && (($(jdk_major "$java") >= 25)); then
				log "start mode appcds: $java is JDK 25 or newer (use aot); skipped"
				return 1
			fi
			if [[ ! -s "$dir/identity" ]]; then
				log "start mode $mode: training the cache of $(basename "$uber") (scripts/warm-start.sh train)"
				"$root/scripts/warm-start.sh" train --jar "$uber" --dir "$dir" --java "$java" >"$dir.train.log" 2>&1 \
					|| { tail -20 "$dir.train.log" >&2; fail "scripts/warm-start.sh train failed for $uber ($mode)"; }
			fi
			mode_jar="$dir/interaction-service.jar"
			mode_launcher=("$root/scripts/warm-start.sh" run --jar "$uber" --dir "$dir" --java "$java")
			mode_label+="extracted + $([[ "$mode" == aot ]] && echo 'AOT cache' || echo AppCDS) (scripts/warm-start.sh)"
			;;
		*) fail "unknown start mode $mode (jar, jar25, extracted, extracted25, appcds, aot)" ;;
	esac
}
