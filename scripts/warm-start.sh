#!/usr/bin/env bash
# Starts the Interaction Service warm: from the extracted jar with the JDK's ahead-of-time cache (JDK 25:
# -XX:AOTCache, with the method profiles 25 records) or an AppCDS archive (JDK 17 to 24), trained by a run that
# serves real partner traffic (scripts/WarmStartTraining.java) and then stops cleanly. Localhost only.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: scripts/warm-start.sh [run] [options] [-- service arguments...]
       scripts/warm-start.sh train [options]

  run     (the default) start the service with the cache, training it first when it is missing or stale (another
          jar or another JDK); the JVM replaces this script (same pid), service arguments go after '--'
  train   extract the jar and train the cache, then stop: about 30 s, on free ports of 127.0.0.1, with a data
          directory of its own that is deleted afterwards (the demo org, H2); nothing of yours is touched

Options:
  --jar FILE           the service jar (default: target/interaction-service-*.jar, built with ./mvnw when
                       missing); without one, the application already extracted in --dir is used
  --dir DIR            where the extracted application and its cache live (default: target/warm-start)
  --java FILE          the java that trains and runs it (default: $JAVA_HOME/bin/java, else java on the PATH)
  --requests N         interactions the training run sends (default 1000; agent replies: a fifth of that)
  --trainer-classes D  the training client compiled (for a JRE without javac); default: run from source
  -h, --help           this help

Environment: WARM_START_JAVA_OPTIONS adds JVM options to the training run and to the service (use the same ones
for both: the cache is only used by a JVM with compatible options).

Example, a partner's CI (the cache directory can be cached between runs, keyed on the jar and the JDK):
  scripts/warm-start.sh -- --server.port=8085 &
USAGE
}

fail() {
	echo "warm-start.sh: $*" >&2
	exit 1
}

log() {
	echo "[warm-start] $*" >&2
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command="run"
if [[ $# -gt 0 && ("$1" == run || "$1" == train) ]]; then
	command="$1"
	shift
fi
jar=""
dir=""
java_bin=""
requests=1000
trainer_classes=""
app_args=()
while [[ $# -gt 0 ]]; do
	case "$1" in
		-h | --help) usage; exit 0 ;;
		--) shift; app_args=("$@"); break ;;
		--jar | --dir | --java | --requests | --trainer-classes)
			[[ $# -ge 2 ]] || fail "$1 needs a value (see --help)"
			case "$1" in
				--jar) jar="$2" ;;
				--dir) dir="$2" ;;
				--java) java_bin="$2" ;;
				--requests) requests="$2" ;;
				--trainer-classes) trainer_classes="$2" ;;
			esac
			shift
			;;
		*) usage >&2; fail "unknown option $1" ;;
	esac
	shift
done
[[ "$command" == run || ${#app_args[@]} -eq 0 ]] || fail "service arguments only go with 'run'"

if [[ -z "$java_bin" ]]; then
	if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
		java_bin="$JAVA_HOME/bin/java"
	else
		java_bin=$(command -v java || true)
	fi
fi
[[ -n "$java_bin" && -x "$java_bin" ]] || fail "no java (give --java or set JAVA_HOME)"
java_bin=$(readlink -f "$java_bin")
java_home=$(dirname "$(dirname "$java_bin")")
major=$(sed -nE 's/^JAVA_VERSION="([0-9]+).*/\1/p' "$java_home/release" 2>/dev/null || true)
if [[ -z "$major" ]]; then
	major=$("$java_bin" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')
fi
((major >= 17)) || fail "the service needs JDK 17 or newer ($java_bin is $major)"

dir=${dir:-target/warm-start}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
app="$dir/interaction-service.jar"
if ((major >= 25)); then
	cache="$dir/interaction-service.aot"
	write_cache=("-XX:AOTCacheOutput=$cache")
	use_cache=("-XX:AOTCache=$cache")
	kind="AOT cache"
else
	cache="$dir/interaction-service.jsa"
	write_cache=("-XX:ArchiveClassesAtExit=$cache")
	use_cache=("-XX:SharedArchiveFile=$cache")
	kind="AppCDS archive"
fi
# shellcheck disable=SC2206 # the options are words on purpose
extra_options=(${WARM_START_JAVA_OPTIONS:-})

# The jar: the one given, else the project's (built when missing and this is the project), else what is extracted.
if [[ -z "$jar" ]]; then
	jar=$(ls "$root"/target/interaction-service-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
	if [[ -z "$jar" && ! -f "$app" && -x "$root/mvnw" ]]; then
		log "building the service jar (./mvnw -B -q -DskipTests package)"
		(cd "$root" && ./mvnw -B -q -DskipTests package)
		jar=$(ls "$root"/target/interaction-service-*.jar | grep -v '\.original$' | head -1)
	fi
fi
[[ -z "$jar" || -f "$jar" ]] || fail "no jar $jar"
[[ -n "$jar" || -f "$app" ]] || fail "no service jar: give --jar, or build it with ./mvnw package"

# What the cache was trained for: the jar (path, size, time), the JDK and the options. Reading these is cheap.
identity() {
	local source=""
	[[ -n "$jar" ]] && source=$(stat -c '%n %s %Y' "$(readlink -f "$jar")")
	printf '%s\n' "jar: $source" "app: $(stat -c '%s %Y' "$app" 2>/dev/null || true)" \
		"java: $java_bin $(stat -c '%s %Y' "$java_bin") $(grep -h '^JAVA_RUNTIME_VERSION' "$java_home/release" 2>/dev/null || true)" \
		"options: ${extra_options[*]:-}"
}

extract() {
	log "extracting $jar into $dir"
	rm -rf "$dir/lib" "$app" "$cache" "$dir/identity"
	"$java_bin" -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename interaction-service.jar \
		--force >/dev/null
}

free_port() {
	local port
	for _ in $(seq 1 100); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	fail "no free port"
}

train() {
	command -v curl >/dev/null || fail "the training run needs curl"
	command -v openssl >/dev/null || fail "the training run needs openssl (tokens)"
	local work api_port management_port grpc_port pid token admin_token status trainer
	work=$(mktemp -d "${TMPDIR:-/tmp}/warm-start.XXXXXX")
	pid=""
	# shellcheck disable=SC2064 # expand now: the trap must know this run's directory
	trap "[[ -n \"\${pid:-}\" ]] && kill \"\$pid\" 2>/dev/null; rm -rf '$work'" EXIT
	api_port=$(free_port)
	management_port=$(free_port)
	grpc_port=$(free_port)
	admin_token=$("$root/generate_admin_key.sh" --dir "$work/admin" --ttl 1h 2>/dev/null)
	rm -f "$cache"
	log "training the $kind: the service on 127.0.0.1:$api_port serves partner traffic, then stops"
	# from a directory of its own, so that no ./config of the caller applies to the training run
	(cd "$work" && exec "$java_bin" "${extra_options[@]}" "${write_cache[@]}" -jar "$app" \
		--server.port="$api_port" --server.address=127.0.0.1 \
		--management.server.port="$management_port" --management.server.address=127.0.0.1 \
		--spring.grpc.server.port="$grpc_port" --spring.grpc.server.address=127.0.0.1 \
		--interactionservice.data-dir="$work/data" --interactionservice.setup-file= \
		--interactionservice.admin.public-key="$work/admin/admin_public.pem" >"$work/service.log" 2>&1) &
	pid=$!
	for _ in $(seq 1 1200); do
		curl -fsS -o /dev/null "http://127.0.0.1:$management_port/actuator/health/readiness" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || { tail -30 "$work/service.log" >&2; fail "the service stopped while starting"; }
		sleep 0.1
	done
	curl -fsS -o /dev/null "http://127.0.0.1:$management_port/actuator/health/readiness" \
		|| { tail -30 "$work/service.log" >&2; fail "the service was not ready within 120 s"; }
	token=$("$root/scripts/get-token.sh" --consumer-key 3MVG9_acme_partner_app --username integration@acme.example \
		--key "$work/data/demo/server.key" --endpoint "http://127.0.0.1:$api_port")
	if [[ -n "$trainer_classes" ]]; then
		trainer=(-cp "$trainer_classes:$app:$dir/lib/*" WarmStartTraining)
	else
		trainer=(-cp "$app:$dir/lib/*" "$root/scripts/WarmStartTraining.java")
	fi
	# netty, in the training client, loads its native transport: say it may (JDK 22 and newer warn otherwise)
	((major >= 22)) && trainer=(--enable-native-access=ALL-UNNAMED "${trainer[@]}")
	status=0
	"$java_bin" "${trainer[@]}" --api "http://127.0.0.1:$api_port" \
		--management "http://127.0.0.1:$management_port" --grpc "127.0.0.1:$grpc_port" \
		--grpc-cert "$work/data/tls/pubsub.crt" --token "$token" --admin-token "$admin_token" \
		--requests "$requests" >&2 || status=$?
	# a clean stop: the JVM writes the cache as it exits
	kill -TERM "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
	if ((status != 0)) || [[ ! -s "$cache" ]]; then
		tail -30 "$work/service.log" >&2
		rm -f "$cache"
		fail "the training run failed (trainer exit $status); no cache written"
	fi
	identity >"$dir/identity"
	log "$kind written: $cache ($(du -m "$cache" | cut -f1) MB)"
	rm -rf "$work"
	trap - EXIT
}

if [[ -n "$jar" ]] && { [[ ! -f "$app" ]] || ! grep -qxF "jar: $(stat -c '%n %s %Y' "$(readlink -f "$jar")")" "$dir/identity" 2>/dev/null; }; then
	extract
fi

case "$command" in
	train) train ;;
	run)
		if [[ ! -s "$cache" || "$(identity)" != "$(cat "$dir/identity" 2>/dev/null)" ]]; then
			(train) || { log "no $kind: starting without one"; use_cache=(); }
		fi
		exec "$java_bin" "${extra_options[@]}" "${use_cache[@]}" -jar "$app" "${app_args[@]}"
		;;
esac
