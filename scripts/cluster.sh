#!/usr/bin/env bash
# Runs the Cluster-mode topology as processes on loopback: a private PostgreSQL, the schema migration,
# the Juicebox sandbox, N silos and M client-api replicas (the topology of docker-compose.yml).
#
#   scripts/cluster.sh start [--silos N] [--apis M] [--port P] [--proxy]   build (Release), start, wait until healthy
#   scripts/cluster.sh status                                    each process: running? healthy?
#   scripts/cluster.sh rolling-restart                           restart every silo, then every client-api, one at a time
#   scripts/cluster.sh stop                                      stop everything, remove the database
#
# Options of start: --port P puts the client-apis on P, P+1, ... (default: a free block of ports);
# --proxy puts Debian's nginx in front of the client-apis (scripts/ensure-nginx.sh; it retries an
# idempotent request once on the other replica when one refuses it or answers 503);
# --configuration C (Release) and --no-build run what is already built. rolling-restart stops each
# host with SIGTERM and starts it again on the same ports, a silo only after the membership table
# lists every silo as active again, and prints each step's time. Every command takes
# --state-dir DIR (default $JUICEBOX_CLUSTER_DIR, else .cluster/ in the repository): one cluster per
# state directory. JUICEBOX_BASE_URL and JUICEBOX_API_KEY point the silos at the real Juicebox API
# instead of a sandbox; that key is passed to the silos only, never printed or written down.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="${JUICEBOX_CLUSTER_DIR:-$repo_root/.cluster}"
proxy=false
silos=2
apis=1
first_port=""
configuration=Release
build=true
stop_timeout=30
start_timeout=120

readonly cluster_id=juicebox
readonly sandbox_key=sb_business
readonly max_pool_size=30

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-2}"
}

fail() {
  echo "cluster.sh: $*" >&2
  exit 1
}

positive_integer() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || fail "$1 needs a positive whole number, got '$2'."
}

parse_options() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) positive_integer "$1" "${2:-}"; silos="$2"; shift 2 ;;
      --apis) positive_integer "$1" "${2:-}"; apis="$2"; shift 2 ;;
      --port) positive_integer "$1" "${2:-}"; first_port="$2"; shift 2 ;;
      --configuration) [ -n "${2:-}" ] || fail "--configuration needs a value"; configuration="$2"; shift 2 ;;
      --no-build) build=false; shift ;;
      --proxy) proxy=true; shift ;;
      --state-dir) [ -n "${2:-}" ] || fail "--state-dir needs a directory"; state_dir="$2"; shift 2 ;;
      --stop-timeout) positive_integer "$1" "${2:-}"; stop_timeout="$2"; shift 2 ;;
      -h|--help) usage 0 ;;
      *) echo "cluster.sh: unknown option '$1'" >&2; usage ;;
    esac
  done
  mkdir -p "$state_dir"
  state_dir="$(cd "$state_dir" && pwd)"
  state_file="$state_dir/cluster.state"
  log_dir="$state_dir/logs"
}

# ---------------------------------------------------------------- state file
# One "name=value" per line, mode 600 (it holds the keys). Written as each process starts, so that
# "stop" can clean up after a start that failed half-way.

record() {
  printf '%s=%s\n' "$1" "$2" >> "$state_file"
}

state() {
  # The last value recorded for a name; empty when there is none.
  local value
  value="$(grep -E "^$1=" "$state_file" 2>/dev/null | tail -n 1 || true)"
  printf '%s' "${value#*=}"
}

# ---------------------------------------------------------------- processes and ports

# Whether process $1 runs. An exited process whose parent has not reaped it (a zombie: a server that
# daemonized under an init that never reaps) counts as gone.
is_alive() {
  local stat
  [ -n "$1" ] && stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != Z ]
}

# Whether pid $1 is still the process this cluster started (its command line mentions $2), not a
# process that got its id after it ended.
is_ours() {
  is_alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Chooses $1 consecutive free loopback ports: from --port when given, otherwise from a random block
# below Linux's ephemeral range (32768+), where outgoing connections never take a port.
choose_ports() {
  local count="$1" attempt base port
  for attempt in $(seq 1 50); do
    if [ -n "$first_port" ]; then
      base="$first_port"
    else
      base=$((20000 + RANDOM % 12000))
    fi
    for ((port = base; port < base + count; port++)); do
      port_is_free "$port" || break
    done
    if [ "$port" -eq $((base + count)) ] && [ $((base + count)) -le 65535 ]; then
      echo "$base"
      return
    fi
    [ -z "$first_port" ] || fail "ports $first_port..$((first_port + count - 1)) are not all free (port $port is in use)."
  done
  fail "found no block of $count free loopback ports."
}

# Whether http://127.0.0.1:$1$2 answers 2xx. Plain bash, so it needs no curl.
http_ok() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$2" "$1" >&3
    IFS= read -r -t 5 status_line <&3 || exit 1
    [[ "$status_line" =~ ^HTTP/1\.[01]\ 2[0-9][0-9] ]]
  ) 2>/dev/null
}

random_key() {
  # 32 characters from /dev/urandom, letters and digits only.
  local key=""
  while [ "${#key}" -lt 32 ]; do
    key+="$(head -c 64 /dev/urandom | tr -dc 'A-Za-z0-9')"
  done
  printf '%s' "${key:0:32}"
}

# ---------------------------------------------------------------- PostgreSQL

find_pg_bin() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || fail "PostgreSQL's server binaries are missing: run scripts/ensure-postgres.sh."
  echo "$bin"
}

# Runs a PostgreSQL program as the server's OS user: 'postgres' under root (PostgreSQL refuses root).
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local pg_bin="$1" port="$2" connections="$3" data_dir password_file
  data_dir="$(mktemp -d /tmp/juicebox-cluster-XXXXXX)"
  record data_dir "$data_dir"
  record pg_bin "$pg_bin"
  record postgres_port "$port"
  record postgres_password "$postgres_password"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$data_dir"
  chmod 700 "$data_dir"

  password_file="$data_dir/password"
  printf '%s\n' "$postgres_password" > "$password_file"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$password_file"
  as_server_user "$pg_bin/initdb" -D "$data_dir/data" -U juicebox --pwfile="$password_file" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale --no-sync >"$log_dir/initdb.log" 2>&1 \
    || { cat "$log_dir/initdb.log" >&2; fail "initdb failed."; }
  rm -f "$password_file"
  cat >> "$data_dir/data/postgresql.conf" <<EOF

# Private server of scripts/cluster.sh: loopback only, thrown away by "cluster.sh stop".
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data_dir'
max_connections = $connections
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  as_server_user "$pg_bin/pg_ctl" start -D "$data_dir/data" -l "$data_dir/server.log" -w -t 60 >/dev/null \
    || { tail -n 20 "$data_dir/server.log" >&2 || true; fail "PostgreSQL did not start on port $port."; }
  record postgres_pid "$(head -n 1 "$data_dir/data/postmaster.pid")"
  as_server_user "$pg_bin/createdb" -h "$data_dir" -p "$port" -U juicebox juicebox \
    || fail "could not create the juicebox database."
}

stop_postgres() {
  local data_dir pg_bin pid
  data_dir="$(state data_dir)"
  pg_bin="$(state pg_bin)"
  pid="$(state postgres_pid)"
  [ -n "$data_dir" ] || return 0
  if [ -f "$data_dir/data/postmaster.pid" ] && [ -n "$pg_bin" ]; then
    as_server_user "$pg_bin/pg_ctl" stop -D "$data_dir/data" -m fast -w -t "$stop_timeout" >/dev/null 2>&1 || true
  fi
  if is_ours "$pid" "$data_dir"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  case "$data_dir" in
    /tmp/juicebox-cluster-*) rm -rf "$data_dir" ;;
    *) echo "cluster.sh: not removing unexpected data directory '$data_dir'" >&2 ;;
  esac
}

# ---------------------------------------------------------------- hosts

# Starts a host assembly detached from this script (its own session, output to a log file, its
# folder as working directory so that it finds its appsettings.json) and records its pid and URL.
launch() {
  local name="$1" assembly="$2" port="$3"
  shift 3
  local -a environment=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    environment+=("$1")
    shift
  done
  shift
  # Kept for a restart on the same ports (rolling-restart); mode 600 like the state file, as it holds keys.
  (umask 077 && printf '%s\n' "${environment[@]}" > "$state_dir/$name.env")
  record "${name}_port" "$port"
  # Settings go through the environment, never the command line, where any user could read them.
  (
    [ "${#environment[@]}" -eq 0 ] || export "${environment[@]}"
    cd "$(dirname "$assembly")"
    exec setsid dotnet "$assembly" --urls "http://127.0.0.1:$port" "$@"
  ) </dev/null >"$log_dir/$name.log" 2>&1 &
  record "${name}_pid" "$!"
  record "${name}_url" "http://127.0.0.1:$port"
}

host_assembly() {
  local path="$repo_root/$1/bin/$configuration/net10.0/$2.dll"
  [ -f "$path" ] || fail "$path is not built (drop --no-build, or build with -c $configuration)."
  echo "$path"
}

health_path() {
  case "$1" in
    sandbox) echo /v1/health ;;
    silo_*) echo /health/live ;;
    proxy) echo /health/live ;;
    *) echo /health/ready ;;
  esac
}

# Waits until every named host answers its health path; fails at once when one exits.
wait_healthy() {
  local deadline=$((SECONDS + start_timeout)) name pid url pending
  while :; do
    pending=()
    for name in "$@"; do
      pid="$(state "${name}_pid")"
      url="$(state "${name}_url")"
      if ! is_alive "$pid"; then
        echo "--- last lines of $log_dir/$name.log:" >&2
        tail -n 30 "$log_dir/$name.log" >&2 || true
        fail "$name (pid $pid) exited during start-up."
      fi
      http_ok "${url##*:}" "$(health_path "$name")" || pending+=("$name")
    done
    [ "${#pending[@]}" -eq 0 ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "not healthy within ${start_timeout} s: ${pending[*]} (logs in $log_dir)."
    fi
    sleep 0.5
  done
}

# SIGTERM to every named host still running, then SIGKILL to those still running after the timeout.
stop_hosts() {
  local name pid assembly deadline running
  local -a pids=()
  for name in "$@"; do
    pid="$(state "${name}_pid")"
    assembly="$(state "${name}_assembly")"
    if [ -n "$pid" ] && is_ours "$pid" "$assembly"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  [ "${#pids[@]}" -gt 0 ] || return 0
  deadline=$((SECONDS + stop_timeout))
  while :; do
    running=()
    for pid in "${pids[@]}"; do
      ! is_alive "$pid" || running+=("$pid")
    done
    [ "${#running[@]}" -eq 0 ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "cluster.sh: still running after ${stop_timeout} s, killing: ${running[*]}" >&2
      kill -KILL "${running[@]}" 2>/dev/null || true
      return 0
    fi
    sleep 0.2
  done
}

host_names() {
  # The hosts recorded in the state file, in start order.
  grep -oE '^(sandbox|silo_[0-9]+|api_[0-9]+)_pid=' "$state_file" 2>/dev/null | sed 's/_pid=$//' | awk '!seen[$0]++' || true
}


# ---------------------------------------------------------------- proxy

# nginx in front of the client-apis, as docker-compose's proxy (deploy/nginx/nginx.conf), run as a
# plain foreground process of this cluster. A replica that refuses the connection, times out or answers
# 503 (a replica that is stopping answers 503 to new requests) is skipped: nginx retries the request
# once on the other replica, for idempotent methods only (never a POST), and leaves the replica out
# for a few seconds.
start_proxy() {
  local port="$1" dir="$state_dir/nginx" name servers=""
  mkdir -p "$dir/temp"
  for name in $(host_names); do
    case "$name" in
      api_*) servers+="        server 127.0.0.1:$(state "${name}_port") max_fails=1 fail_timeout=3s;"$'\n' ;;
    esac
  done
  cat > "$dir/nginx.conf" <<CONF
# Written by scripts/cluster.sh --proxy for this cluster only.
worker_processes 1;
pid $dir/nginx.pid;
error_log $log_dir/proxy-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    upstream client_api {
$servers        keepalive 32;
    }
    client_max_body_size 16m;
    server {
        listen 127.0.0.1:$port;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host \$http_host;
        proxy_next_upstream error timeout http_503;
        proxy_next_upstream_tries 2;
        location ~ ^/api/v1/enrichments/[^/]+/events\$ {
            proxy_pass http://client_api;
            proxy_buffering off;
            proxy_read_timeout 1h;
        }
        location / {
            proxy_pass http://client_api;
        }
    }
}
CONF
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || fail "nginx is missing: run scripts/ensure-nginx.sh."
  (exec setsid /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;') </dev/null >"$log_dir/proxy.log" 2>&1 &
  record proxy_pid "$!"
  record proxy_url "http://127.0.0.1:$port"
  record proxy_assembly "$dir/nginx.conf"
}

stop_proxy() {
  local pid
  pid="$(state proxy_pid)"
  [ -n "$pid" ] || return 0
  stop_hosts proxy
}

# ---------------------------------------------------------------- rolling restart

now() { date +%s.%N; }

seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# psql against the cluster's database, as the server's OS user over its socket.
cluster_sql() {
  as_server_user "$(state pg_bin)/psql" -h "$(state data_dir)" -p "$(state postgres_port)" -U juicebox -d juicebox -tA -c "$1"
}

# Waits until the membership table lists exactly $1 active silos and none joining or leaving.
wait_membership_stable() {
  local expected="$1" deadline=$((SECONDS + start_timeout)) counts
  while :; do
    counts="$(cluster_sql "SELECT count(*) FILTER (WHERE status = 3) || ' ' || count(*) FILTER (WHERE status IN (1, 2, 4, 5)) FROM orleansmembershiptable WHERE deploymentid = '$cluster_id'" 2>/dev/null || true)"
    [ "$counts" = "$expected 0" ] && return 0
    [ "$SECONDS" -lt "$deadline" ] || fail "membership not stable within ${start_timeout} s (active, changing: ${counts:-unreadable}; want $expected, 0)."
    sleep 0.5
  done
}

# Starts host $1 again with the settings and port of its first start.
relaunch() {
  local name="$1" assembly port
  local -a environment=()
  assembly="$(state "${name}_assembly")"
  port="$(state "${name}_port")"
  [ -f "$state_dir/$name.env" ] && mapfile -t environment < "$state_dir/$name.env"
  launch "$name" "$assembly" "$port" "${environment[@]}" --
}

cmd_rolling_restart() {
  [ -f "$state_file" ] || fail "no cluster recorded in $state_dir: 'scripts/cluster.sh start' first."
  local -a silo_names=() api_names=() rows=()
  local name
  for name in $(host_names); do
    case "$name" in
      silo_*) silo_names+=("$name") ;;
      api_*) api_names+=("$name") ;;
    esac
  done
  [ "${#silo_names[@]}" -gt 0 ] || fail "no silo recorded."
  wait_membership_stable "${#silo_names[@]}"

  local step=0 began stopped healthy stable
  local clock_start
  clock_start="$(now)"
  echo "Rolling restart: ${#silo_names[@]} silo(s), then ${#api_names[@]} client-api(s), one at a time."
  for name in "${silo_names[@]}" "${api_names[@]}"; do
    step=$((step + 1))
    began="$(now)"
    stop_hosts "$name"
    stopped="$(now)"
    relaunch "$name"
    wait_healthy "$name"
    healthy="$(now)"
    case "$name" in
      silo_*) wait_membership_stable "${#silo_names[@]}" ;;
      *) ;;
    esac
    stable="$(now)"
    rows+=("$(printf '| %d | %s | %s | %s | %s | %s |' "$step" "${name/_/-}" \
      "$(seconds_between "$began" "$stopped")" "$(seconds_between "$stopped" "$healthy")" \
      "$(case "$name" in silo_*) seconds_between "$healthy" "$stable" ;; *) echo - ;; esac)" \
      "$(seconds_between "$began" "$stable")")")
    echo "  step $step: ${name/_/-} restarted ($(seconds_between "$began" "$stable") s)"
  done

  echo
  echo "| Step | Host | Stop (SIGTERM to exit), s | Start (to healthy/ready), s | Membership stable again, s | Step total, s |"
  echo "|---:|---|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo "Whole rolling restart: $(seconds_between "$clock_start" "$(now)") s"
}

# ---------------------------------------------------------------- commands

start_complete=false

on_start_exit() {
  if [ "$start_complete" != true ]; then
    echo "cluster.sh: start failed; stopping what was started (logs in $log_dir)." >&2
    cmd_stop >/dev/null 2>&1 || true
  fi
}

cmd_start() {
  if [ -f "$state_file" ]; then
    fail "a cluster is recorded in $state_file already: 'scripts/cluster.sh stop --state-dir $state_dir' first."
  fi
  mkdir -p "$log_dir"
  rm -f "$log_dir"/*.log
  (umask 077 && : > "$state_file")
  # Whatever goes wrong from here on (a failed step, Ctrl+C), leave nothing running.
  trap 'on_start_exit' EXIT
  trap 'exit 130' INT TERM

  local pg_bin
  pg_bin="$(find_pg_bin)"
  if [ "$build" = true ]; then
    echo "Building the hosts ($configuration)..."
    local project
    for project in silo/Juicebox.Silo.csproj client-api/Juicebox.ClientApi.csproj juicebox-sandbox/Juicebox.Sandbox.csproj; do
      dotnet build "$repo_root/$project" -c "$configuration" -nologo -v quiet >"$log_dir/build.log" 2>&1 \
        || { tail -n 30 "$log_dir/build.log" >&2; fail "the build of $project failed."; }
    done
  fi
  local silo_dll api_dll sandbox_dll
  silo_dll="$(host_assembly silo Juicebox.Silo)"
  api_dll="$(host_assembly client-api Juicebox.ClientApi)"
  sandbox_dll="$(host_assembly juicebox-sandbox Juicebox.Sandbox)"

  local upstream_url="${JUICEBOX_BASE_URL:-}" upstream_key="${JUICEBOX_API_KEY:-}" with_sandbox=false
  if [ -z "$upstream_url" ]; then
    with_sandbox=true
    upstream_key="$sandbox_key"
  elif [ -z "$upstream_key" ]; then
    fail "JUICEBOX_BASE_URL is set: set JUICEBOX_API_KEY too."
  fi

  # Ports: client-apis first (so --port P gives P, P+1, ...), then the sandbox, each silo's HTTP, silo
  # and gateway ports, and PostgreSQL.
  local base
  base="$(choose_ports $((apis + 1 + 3 * silos + 2)))"
  local sandbox_port=$((base + apis)) silo_base=$((base + apis + 1)) postgres_port=$((base + apis + 1 + 3 * silos))
  local proxy_port=$((postgres_port + 1))

  api_key="$(random_key)"
  operator_key="$(random_key)"
  postgres_password="$(random_key)"
  suppression_key="$(random_key)"
  record api_key "$api_key"
  record operator_key "$operator_key"

  echo "Starting PostgreSQL on 127.0.0.1:$postgres_port..."
  start_postgres "$pg_bin" "$postgres_port" $(((silos + apis + 1) * max_pool_size + 20))
  local connection="Host=127.0.0.1;Port=$postgres_port;Database=juicebox;Username=juicebox;Password=$postgres_password"
  local -a cluster_env=("ConnectionStrings__Postgres=$connection" "Orleans__ClusterId=$cluster_id" "Orleans__ServiceId=$cluster_id")

  echo "Applying the schema (silo --migrate-only)..."
  (export "${cluster_env[@]}"; cd "$(dirname "$silo_dll")"; exec dotnet "$silo_dll" --migrate-only) </dev/null >"$log_dir/schema.log" 2>&1 \
    || { tail -n 30 "$log_dir/schema.log" >&2; fail "the schema migration failed."; }

  local -a started=()
  if [ "$with_sandbox" = true ]; then
    record sandbox_assembly "$sandbox_dll"
    launch sandbox "$sandbox_dll" "$sandbox_port" --
    started+=(sandbox)
    upstream_url="http://127.0.0.1:$sandbox_port/v1"
  fi

  echo "Starting $silos silo(s)..."
  local i http_port silo_port gateway_port
  for ((i = 1; i <= silos; i++)); do
    http_port=$((silo_base + 3 * (i - 1)))
    silo_port=$((http_port + 1))
    gateway_port=$((http_port + 2))
    record "silo_${i}_assembly" "$silo_dll"
    record "silo_${i}_silo_port" "$silo_port"
    record "silo_${i}_gateway_port" "$gateway_port"
    launch "silo_$i" "$silo_dll" "$http_port" "${cluster_env[@]}" \
      "Orleans__SiloPort=$silo_port" "Orleans__GatewayPort=$gateway_port" "Orleans__AdvertisedIPAddress=127.0.0.1" \
      "Juicebox__BaseUrl=$upstream_url" "Juicebox__ApiKey=$upstream_key" "Privacy__SuppressionKey=$suppression_key" --
    started+=("silo_$i")
  done
  wait_healthy "${started[@]}"

  # After the silos: a client-api reads the gateway list once a minute, so it should see all of them at once.
  echo "Starting $apis client-api replica(s)..."
  local -a api_names=()
  for ((i = 1; i <= apis; i++)); do
    record "api_${i}_assembly" "$api_dll"
    launch "api_$i" "$api_dll" $((base + i - 1)) "${cluster_env[@]}" \
      "Api__Keys__0=$api_key" "Api__OperatorKeys__0=$operator_key" --
    api_names+=("api_$i")
  done
  wait_healthy "${api_names[@]}"
  if [ "$proxy" = true ]; then
    echo "Starting the proxy (nginx) on 127.0.0.1:$proxy_port..."
    start_proxy "$proxy_port"
    wait_healthy proxy
  fi
  start_complete=true
  record started_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"

  echo
  echo "Orleans.Juicebox cluster is running: $silos silo(s), $apis client-api replica(s), state in $state_file"
  for ((i = 1; i <= apis; i++)); do
    echo "  API $i:        $(state "api_${i}_url")/api/v1/profiles/{id}"
  done
  echo "  API key:      Authorization: Bearer $api_key"
  [ "$proxy" != true ] || echo "  Proxy:        $(state proxy_url)/api/v1/profiles/{id}   (nginx over every client-api)"
  echo "  Operator key: Authorization: Bearer $operator_key   (for /api/v1/operator/...)"
  if [ "$with_sandbox" = true ]; then
    echo "  Sandbox:      http://127.0.0.1:$sandbox_port/v1   (key $sandbox_key; stats at http://127.0.0.1:$sandbox_port/_sandbox/stats)"
  else
    echo "  Upstream:     $upstream_url"
  fi
  echo "  PostgreSQL:   127.0.0.1:$postgres_port, database juicebox (user and password in the state file)"
  echo "  Logs:         $log_dir"
  echo "Try:  curl -i -H \"Authorization: Bearer $api_key\" $(state api_1_url)/api/v1/profiles/jb_3p6cv04kpvth3"
  echo "Stop: scripts/cluster.sh stop$([ "$state_dir" = "$repo_root/.cluster" ] || echo " --state-dir $state_dir")"
}

cmd_status() {
  [ -f "$state_file" ] || { echo "No cluster recorded in $state_dir."; return 3; }
  local name pid url health process all_ok=0
  printf '%-12s %-8s %-9s %-8s %s\n' NAME PID PROCESS HEALTH URL
  pid="$(state postgres_pid)"
  if is_ours "$pid" "$(state data_dir)"; then health=ok; process=running; else health=-; process=gone; all_ok=1; fi
  printf '%-12s %-8s %-9s %-8s %s\n' postgres "$pid" "$process" "$health" "127.0.0.1:$(state postgres_port)"
  for name in $(host_names); do
    pid="$(state "${name}_pid")"
    url="$(state "${name}_url")"
    if is_ours "$pid" "$(state "${name}_assembly")"; then
      process=running
      if http_ok "${url##*:}" "$(health_path "$name")"; then health=healthy; else health=unhealthy; all_ok=1; fi
    else
      process=gone
      health=-
      all_ok=1
    fi
    printf '%-12s %-8s %-9s %-8s %s\n' "${name/_/-}" "$pid" "$process" "$health" "$url"
  done
  return "$all_ok"
}

cmd_stop() {
  [ -f "$state_file" ] || { echo "No cluster recorded in $state_dir."; return 0; }
  local -a api_names=() silo_names=() name
  for name in $(host_names); do
    case "$name" in
      api_*) api_names+=("$name") ;;
      silo_*) silo_names+=("$name") ;;
    esac
  done
  # Client-apis first, then the silos (each leaves the membership table in order), then the upstream.
  [ "${#api_names[@]}" -eq 0 ] || stop_hosts "${api_names[@]}"
  [ "${#silo_names[@]}" -eq 0 ] || stop_hosts "${silo_names[@]}"
  stop_proxy
  stop_hosts sandbox
  stop_postgres
  rm -f "$state_file" "$state_dir"/*.env
  echo "Stopped; logs kept in $log_dir."
}

command="${1:-}"
[ $# -eq 0 ] || shift
case "$command" in
  start) parse_options "$@"; cmd_start ;;
  status) parse_options "$@"; cmd_status ;;
  stop) parse_options "$@"; cmd_stop ;;
  rolling-restart) parse_options "$@"; cmd_rolling_restart ;;
  -h|--help|help) usage 0 ;;
  *) usage ;;
esac
