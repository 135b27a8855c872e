#!/usr/bin/env bash
# The cluster run (issue 19): one PostgreSQL, N nodes of the built jar on their own ports, HAProxy in front (HTTP for
# the partner API and the management port, TCP for gRPC, TLS passed through), the partner load through HAProxy with
# resuming Pub/Sub subscribers, and with --kill a node killed with kill -9 mid-load (the sequencer leader in one
# round, a follower in another) and restarted. Measures per-request costs for the capacity model and writes
# bench/results/cluster.md. Everything runs on this machine and talks to 127.0.0.1 only.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: bench/cluster.sh [--nodes N] [--kill] [--seconds S] [options]

Builds the service, starts a throw-away PostgreSQL cluster (Debian's 'postgresql'), N nodes sharing it and one data
directory (keys, Pub/Sub certificate, files: declared shared), and HAProxy (Debian's 'haproxy') in front; both
packages are installed with apt-get when absent. Then:
  steady round   S seconds of partner interactions and agent replies through HAProxy, subscribers on every node
                 (round robin through HAProxy's TCP frontend): throughput, p99, events per subscriber, and the costs
                 per request: node CPU, PostgreSQL CPU, WAL bytes, connections
  --kill         two more rounds: kill -9 of the sequencer leader, then of a follower, S/3 seconds into the load,
                 restarted at once; every acknowledged interaction and reply must be in the database exactly once,
                 and every subscriber (reconnecting through HAProxy from its last replay id) must have received the
                 log exactly, without a gap or a duplicate

  --nodes N       nodes (default 3)
  --seconds S     seconds of load per round (default 40)
  --warmup S      seconds of the same load first, unreported, so the nodes' JIT has compiled the request path
                  (default 30; 0: none)
  --senders N     partner connections sending interactions (default 8)
  --reply-rate R  agent replies per second (default 20)
  --out FILE      where the results go (default: bench/results/cluster.md)
  --skip-build    use the jar and test classes already in target/
  --keep          keep the temp directory (logs, data) after the run
  -h, --help      this help

A benchmark: hold the shared maven lock for the whole run when others share the machine.
USAGE
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bench_name="bench/cluster.sh"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

nodes=3
kill_rounds=false
seconds=40
warmup=30
senders=8
reply_rate=20
out="$root/bench/results/cluster.md"
skip_build=false
keep=false

while [[ $# -gt 0 ]]; do
	case "$1" in
		--kill) kill_rounds=true ;;
		--skip-build) skip_build=true ;;
		--keep) keep=true ;;
		-h | --help) usage; exit 0 ;;
		--nodes | --seconds | --warmup | --senders | --reply-rate | --out)
			[[ $# -ge 2 ]] || fail "$1 needs a value (see --help)"
			case "$1" in
				--nodes) nodes="$2" ;;
				--seconds) seconds="$2" ;;
				--warmup) warmup="$2" ;;
				--senders) senders="$2" ;;
				--reply-rate) reply_rate="$2" ;;
				--out) out="$2" ;;
			esac
			shift
			;;
		*) usage >&2; fail "unknown option $1" ;;
	esac
	shift
done
((nodes >= 2)) || fail "--nodes must be at least 2"

work=$(mktemp -d /tmp/interaction-cluster.XXXXXX)
pg_bin=""
node_pids=()
node_api=()
node_management=()
node_grpc=()
haproxy_pid=""

cleanup() {
	for pid in "${node_pids[@]}"; do
		stop_service "$pid"
	done
	[[ -n "$haproxy_pid" ]] && kill "$haproxy_pid" 2>/dev/null || true
	stop_postgres
	if $keep; then
		log "kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

install_haproxy() {
	command -v haproxy >/dev/null && return
	log "installing Debian's haproxy package (apt-get)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null; } \
		|| fail "could not install haproxy with apt-get"
}

describe_machine
commit=$(describe_commit "$root")
java_bin=$(command -v java) || fail "no java on the PATH"
install_haproxy
if ! $skip_build; then
	build_checkout "$root"
fi
jar=$(service_jar_of "$root")
[[ -n "$jar" ]] || fail "no service jar in target/ (run without --skip-build)"
resolve_generator

start_postgres
create_database cluster
postgres_datasource cluster
psql_cluster() {
	runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d cluster -Atq -c "$1"
}
admin_token=$(admin_token_for_run)
data="$work/data"
mkdir -p "$data"

# --- the nodes: fixed ports per node, so a restarted node takes its place behind HAProxy -----------------------------
for i in $(seq 1 "$nodes"); do
	pick_port picked; node_api[i]=$picked
	pick_port picked; node_management[i]=$picked
	pick_port picked; node_grpc[i]=$picked
done

start_node() {
	local i="$1"
	(
		exec "$java_bin" -jar "$jar" \
			--spring.profiles.active=bench \
			--server.port="${node_api[i]}" --server.address=127.0.0.1 \
			--management.server.port="${node_management[i]}" --management.server.address=127.0.0.1 \
			--spring.grpc.server.port="${node_grpc[i]}" --spring.grpc.server.address=127.0.0.1 \
			--interactionservice.data-dir="$data" \
			--interactionservice.admin.public-key="$work/admin/admin_public.pem" \
			--interactionservice.ratelimit.requests-per-second=1000000 \
			--interactionservice.cluster.nodes="$nodes" \
			--interactionservice.inbound.files.shared-directory=true \
			"${datasource_args[@]}"
	) >>"$work/node$i.log" 2>&1 &
	node_pids[i]=$!
	service_pid=${node_pids[i]}
	management_port=${node_management[i]}
	local launched
	launched=$(now_ms)
	node_ready_ms=$(await_ready "$launched" "$work/node$i.log") || fail "node $i did not start (see $work/node$i.log)"
	service_pid=""
}

# one after the other: the first creates the shared keys, the demo org and the Pub/Sub certificate
for i in $(seq 1 "$nodes"); do
	start_node "$i"
	log "node $i ready in ${node_ready_ms} ms (pid ${node_pids[i]}, API ${node_api[i]}, management ${node_management[i]}, gRPC ${node_grpc[i]})"
done

# --- HAProxy ---------------------------------------------------------------------------------------------------------
pick_port lb_api
pick_port lb_management
pick_port lb_grpc
{
	cat <<EOF
global
    maxconn 4096
defaults
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    retries 3
    option redispatch
frontend api
    mode http
    bind 127.0.0.1:$lb_api
    default_backend api
frontend management
    mode http
    bind 127.0.0.1:$lb_management
    default_backend management
frontend grpc
    mode tcp
    bind 127.0.0.1:$lb_grpc
    default_backend grpc
EOF
	for backend in api management grpc; do
		mode=http
		[[ $backend == grpc ]] && mode=tcp
		printf 'backend %s\n    mode %s\n    balance roundrobin\n    option httpchk\n' "$backend" "$mode"
		printf '    http-check send meth GET uri /actuator/health/readiness\n'
		for i in $(seq 1 "$nodes"); do
			case $backend in
				api) port=${node_api[i]} ;;
				management) port=${node_management[i]} ;;
				grpc) port=${node_grpc[i]} ;;
			esac
			printf '    server node%s 127.0.0.1:%s check port %s inter 500 fall 2 rise 2\n' "$i" "$port" \
				"${node_management[i]}"
		done
	done
} >"$work/haproxy.cfg"
haproxy -c -q -f "$work/haproxy.cfg" || fail "HAProxy refused its configuration ($work/haproxy.cfg)"
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
haproxy_pid=$!
sleep 2
token=$(partner_token "$data" "$lb_api") || fail "no partner token through HAProxy"

# --- measuring -------------------------------------------------------------------------------------------------------
clk_tck=$(getconf CLK_TCK)
# CPU ticks of a process (user + system; with "children", also what its reaped children used)
ticks() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
	stat=${stat##*) }
	# fields after the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17
	awk -v children="${2:-}" '{ t = $12 + $13; if (children != "") t += $14 + $15; print t }' <<<"$stat"
}
nodes_ticks() {
	local sum=0
	for i in $(seq 1 "$nodes"); do sum=$((sum + $(ticks "${node_pids[i]}"))); done
	echo "$sum"
}
postgres_ticks() {
	local postmaster sum child
	postmaster=$(head -1 "$pg_data/postmaster.pid")
	sum=$(ticks "$postmaster" children)
	for child in $(pgrep -P "$postmaster"); do sum=$((sum + $(ticks "$child"))); done
	echo "$sum"
}
wal_lsn() {
	psql_cluster "select pg_current_wal_lsn()"
}

# The node (index) that holds the sequencer's advisory lock: its backend's client port, then the process on it.
leader_node() {
	local port pid
	port=$(psql_cluster "select a.client_port from pg_locks l join pg_stat_activity a on a.pid = l.pid
		where l.locktype = 'advisory' and l.granted and l.classid = 1113149251 and l.objid = 1397051726 limit 1")
	[[ -n "$port" ]] || return 0
	pid=$(ss -Htnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
	for i in $(seq 1 "$nodes"); do
		[[ "${node_pids[i]}" == "$pid" ]] && echo "$i" && return
	done
}

generator_round() {
	local round="$1" round_seconds="${2:-$seconds}" report="${3:-$work/rounds.md}"
	run_generator --scenarios cluster --out "$report" --summary "$work/$round.summary" --round "$round" \
		--seconds "$round_seconds" --senders "$senders" --reply-rate "$reply_rate" --subscribers $((2 * nodes)) \
		--api "http://127.0.0.1:$lb_api" --management "http://127.0.0.1:$lb_management" \
		--grpc "127.0.0.1:$lb_grpc" --grpc-cert "$data/tls/pubsub.crt" --token "$token" \
		--admin-token "$admin_token" --jdbc "jdbc:postgresql://127.0.0.1:$pg_port/cluster?user=postgres" \
		>>"$work/generator.log" 2>&1
}

summary_value() {
	grep "^$2=" "$work/$1.summary" | cut -d= -f2
}

: >"$work/rounds.md"
failed=0
kills=()

if ((warmup > 0)); then
	log "warm-up: $warmup s (not reported)"
	generator_round warmup "$warmup" "$work/warmup.md" || failed=1
fi

# the nodes and PostgreSQL idle (sequencer polls, refreshes, sweeps, keepalives, autovacuum): their fixed cost, which
# the steady round's figures are corrected by, so what remains is the cost of a write
idle_seconds=15
log "idle: $idle_seconds s"
idle_node_before=$(nodes_ticks)
idle_pg_before=$(postgres_ticks)
idle_wal_before=$(wal_lsn)
sleep "$idle_seconds"
idle_node=$(($(nodes_ticks) - idle_node_before))
idle_pg=$(($(postgres_ticks) - idle_pg_before))
idle_wal=$(psql_cluster "select pg_wal_lsn_diff(pg_current_wal_lsn(), '$idle_wal_before')::bigint")

# steady round, with the costs
log "steady round: $seconds s"
node_before=$(nodes_ticks)
pg_before=$(postgres_ticks)
wal_before=$(wal_lsn)
generator_round steady || failed=1
node_after=$(nodes_ticks)
pg_after=$(postgres_ticks)
wal_after=$(wal_lsn)
connections=$(psql_cluster "select count(*) from pg_stat_activity where datname = 'cluster'")
wal_bytes=$(psql_cluster "select pg_wal_lsn_diff('$wal_after', '$wal_before')::bigint")
steady_interactions=$(summary_value steady interactions || echo 0)
steady_replies=$(summary_value steady replies || echo 0)
steady_seconds=$(summary_value steady seconds || echo "$seconds")
steady_writes=$((steady_interactions + steady_replies))
((steady_writes > 0)) || steady_writes=1

if $kill_rounds; then
	for round in leader follower; do
		(
			sleep $((seconds / 3))
			leader=$(leader_node)
			if [[ $round == leader ]]; then
				victim=${leader:-1}
			else
				victim=1
				[[ "$victim" == "$leader" ]] && victim=2
			fi
			echo "$victim ${leader:-?}" >"$work/$round.victim"
			log "round $round: kill -9 node $victim (pid ${node_pids[victim]}; sequencer leader: node ${leader:-?})"
			kill -9 "${node_pids[victim]}"
			down=$(now_ms)
			sleep 1
			start_node "$victim"
			echo "$(($(now_ms) - down))" >"$work/$round.restart"
			echo "${node_pids[victim]}" >"$work/$round.newpid"
			log "round $round: node $victim back after $(cat "$work/$round.restart") ms"
		) &
		killer=$!
		log "$round round: $seconds s"
		generator_round "$round" || failed=1
		wait "$killer" || failed=1
		read -r victim leader <"$work/$round.victim"
		node_pids[victim]=$(cat "$work/$round.newpid")
		kills+=("| $round | node $victim | node $leader | $(cat "$work/$round.restart") ms |")
	done
fi

# --- the report ------------------------------------------------------------------------------------------------------
per() { # value per write, with one decimal
	awk -v v="$1" -v n="$steady_writes" 'BEGIN { printf "%.1f", v / n }'
}
node_us=$(per "$(((node_after - node_before) * 1000000 / clk_tck))")
pg_us=$(per "$(((pg_after - pg_before) * 1000000 / clk_tck))")
wal_per=$(per "$wal_bytes")
# the same, less what the idle cluster used in as many seconds
marginal() { # total ticks (or bytes with $3 = bytes) of the round, idle ticks in idle_seconds
	awk -v total="$1" -v idle="$2" -v unit="${3:-ticks}" -v hz="$clk_tck" -v s="$steady_seconds" -v is="$idle_seconds" \
		-v n="$steady_writes" 'BEGIN { f = (unit == "ticks") ? 1000000 / hz : 1; v = (total - idle * s / is) * f / n;
			if (v < 0) v = 0; printf "%.1f", v }'
}
node_marginal=$(marginal $((node_after - node_before)) "$idle_node")
pg_marginal=$(marginal $((pg_after - pg_before)) "$idle_pg")
wal_marginal=$(marginal "$wal_bytes" "$idle_wal" bytes)
idle_node_ms=$(awk -v t="$idle_node" -v hz="$clk_tck" -v is="$idle_seconds" -v n="$nodes" 'BEGIN { printf "%.0f", t * 1000 / hz / is / n }')
idle_pg_ms=$(awk -v t="$idle_pg" -v hz="$clk_tck" -v is="$idle_seconds" 'BEGIN { printf "%.0f", t * 1000 / hz / is }')
{
	echo "# Cluster run"
	echo
	echo "\`bench/cluster.sh --nodes $nodes$($kill_rounds && echo ' --kill') --seconds $seconds\`: $nodes nodes of"
	echo "\`$(basename "$jar")\` on one PostgreSQL $pg_version, HAProxy $(haproxy -v | head -1 | awk '{print $3}') in front"
	echo "(HTTP for the API and the management port, TCP with TLS passed through for gRPC), all on one machine:"
	echo "$cores cores ($cpu_model), $memory_gb GB, load average before $load_before; commit $commit, $started_at."
	echo "Every node, PostgreSQL, HAProxy and the load generator share these $cores cores, so throughput cannot grow with"
	echo "the node count here: the rounds prove correctness, the costs below feed the capacity model in"
	echo "[docs/operations.md](../../docs/operations.md#capacity)."
	echo
	echo "After $warmup s of the same load (unreported, for the JIT), each round ran $seconds s."
	echo "Load: $senders partner connections sending text messages (an unanswered request is sent again with the same"
	echo "entry id), $reply_rate agent replies per second on the admin API (each one outbound event), and $((2 * nodes))"
	echo "Pub/Sub subscribers through HAProxy's round robin ($((2 * nodes / nodes)) per node), each resuming from its last"
	echo "replay id when its stream breaks."
	echo
	echo "## Costs per write request (steady round)"
	echo
	echo "| writes (interactions + replies) | per second | node CPU per write | PostgreSQL CPU per write | WAL per write | PostgreSQL connections |"
	echo "| --- | --- | --- | --- | --- | --- |"
	echo "| $steady_writes ($steady_interactions + $steady_replies) | $(awk -v n="$steady_writes" -v s="$steady_seconds" 'BEGIN { printf "%.0f", n / s }') | ${node_us} µs (all nodes) | ${pg_us} µs | ${wal_per} bytes | $connections ($((connections / nodes)) per node, pools idle included) |"
	echo "| the same, less the idle cluster's own use | | ${node_marginal} µs | ${pg_marginal} µs | ${wal_marginal} bytes | |"
	echo
	echo "Idle ($idle_seconds s before the steady round, no load): each node used ${idle_node_ms} ms of CPU"
	echo "per second, PostgreSQL ${idle_pg_ms} ms per second (event-log polls of every node, refreshes, sweeps, keepalives)."
	echo "CPU is read from /proc (user + system; PostgreSQL: the postmaster, its children and the children it reaped), WAL"
	echo "from pg_current_wal_lsn(). With every process competing for $cores cores, per-write CPU here includes the JIT still"
	echo "compiling in three JVMs that each see a third of the traffic, and the scheduler's cost; see the capacity model."
	echo
	if ((${#kills[@]} > 0)); then
		echo "## Kills"
		echo
		echo "| round | killed (kill -9, $((seconds / 3)) s into the load) | sequencer leader before | back behind HAProxy after |"
		echo "| --- | --- | --- | --- |"
		printf '%s\n' "${kills[@]}"
		echo
	fi
	echo "## Rounds"
	echo
	cat "$work/rounds.md"
	echo "Run took $(($(date +%s) - run_start)) s; load average after $(cut -d' ' -f1-3 /proc/loadavg)."
	((failed == 0)) && echo "**Every round passed.**" || echo "**A round FAILED** (see above and the generator's log)."
} >"$out"
log "wrote $out"
if ((failed != 0)); then
	tail -40 "$work/generator.log" >&2
	keep=true
	exit 1
fi
