#!/usr/bin/env bash
# The rolling-restart drill of issue 19: a 3-silo, 2-API cluster behind the nginx proxy
# (scripts/cluster.sh start --proxy), a steady read load through the proxy and a 5,000-profile
# enrichment job, then "scripts/cluster.sh rolling-restart". Prints the restart's table and the
# accounting, and exits 1 unless every read through the proxy succeeded, no job item was lost
# (every profile done, none failed) and no enrichment was paid twice (the sandbox's counters).
#
#   scripts/rolling-restart-drill.sh [--no-build] [--configuration C] [--profiles N] [--readers N] [--state-dir DIR]
#
# Needs curl, jq and nginx (scripts/ensure-nginx.sh). Takes a few minutes; not part of ./test.sh.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cluster="$repo_root/scripts/cluster.sh"
state_dir="$(mktemp -d /tmp/juicebox-drill-XXXXXX)"
profiles=5000
readers=4
read_ids=50
job_limit=600
build_option=()

while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build_option+=(--no-build); shift ;;
    --configuration) build_option+=(--configuration "$2"); shift 2 ;;
    --profiles) profiles="$2"; shift 2 ;;
    --readers) readers="$2"; shift 2 ;;
    --state-dir) state_dir="$2"; shift 2 ;;
    *) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done

for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "rolling-restart-drill: $tool is missing." >&2; exit 1; }
done
mkdir -p "$state_dir"
bash "$repo_root/scripts/ensure-nginx.sh" >/dev/null

state() { grep -E "^$1=" "$state_dir/cluster.state" | tail -n 1 | cut -d= -f2-; }

stop_file="$state_dir/stop-readers"
cleanup() {
  touch "$stop_file"
  wait 2>/dev/null || true
  "$cluster" stop --state-dir "$state_dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$cluster" start --silos 3 --apis 2 --proxy --state-dir "$state_dir" "${build_option[@]}" >"$state_dir/start.log" 2>&1 \
  || { tail -n 30 "$state_dir/start.log" >&2; exit 1; }
proxy="$(state proxy_url)"
sandbox="$(state sandbox_url)"
api_key="$(state api_key)"
echo "Cluster up: 3 silos, 2 client-apis, proxy $proxy (state in $state_dir)."

# Profile ids from the sandbox's own search, 100 a page: the job's and the readers'.
ids_file="$state_dir/ids"
: > "$ids_file"
cursor=null
while [ "$(wc -l < "$ids_file")" -lt $((profiles + read_ids)) ]; do
  page="$(curl -sf -X POST "$sandbox/v1/search" -H 'Authorization: Bearer sb_business' -H 'Content-Type: application/json' \
    -d "{\"query\": \"engineer OR manager OR director OR sales OR marketing OR data OR product OR design OR support OR operations\", \"limit\": 100, \"cursor\": $cursor}")"
  jq -r '.profiles[].id' <<<"$page" >> "$ids_file"
  cursor="$(jq '.nextCursor' <<<"$page")"
  [ "$cursor" != null ] || break
done
sort -u "$ids_file" -o "$ids_file"
[ "$(wc -l < "$ids_file")" -ge $((profiles + read_ids)) ] || { echo "The sandbox's search found only $(wc -l < "$ids_file") profiles." >&2; exit 1; }
mapfile -t read_set < <(head -n "$read_ids" "$ids_file")
job_ids="$(tail -n +"$((read_ids + 1))" "$ids_file" | head -n "$profiles" | jq -R . | jq -s -c '{profileIds: .}')"

# Every read profile once, so the load reads what the cluster holds.
for id in "${read_set[@]}"; do
  curl -sf -o /dev/null -H "Authorization: Bearer $api_key" "$proxy/api/v1/profiles/$id" || true
done

reader() {
  local n="$1" i=0
  while [ ! -e "$stop_file" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -H "Authorization: Bearer $api_key" \
      "$proxy/api/v1/profiles/${read_set[$(( (i * readers + n) % read_ids ))]}" >> "$state_dir/reads.$n" || echo 000 >> "$state_dir/reads.$n"
    i=$((i + 1))
  done
}
for ((n = 0; n < readers; n++)); do
  reader "$n" &
done

before="$(curl -sf "$sandbox/_sandbox/stats")"
status_url="$(curl -sf -X POST "$proxy/api/v1/enrichments" -H "Authorization: Bearer $api_key" -H 'Content-Type: application/json' -d "$job_ids" | jq -r '.statusUrl')"
echo "Read load: $readers readers over $read_ids profiles; enrichment job of $profiles profiles: $status_url"

"$cluster" rolling-restart --state-dir "$state_dir"

deadline=$((SECONDS + job_limit))
while :; do
  job="$(curl -s -H "Authorization: Bearer $api_key" "$proxy$status_url" || true)"
  [ "$(jq -r '.finishedAt // empty' <<<"$job" 2>/dev/null)" = "" ] || break
  [ "$SECONDS" -lt "$deadline" ] || { echo "The job did not finish within $job_limit s: $job" >&2; exit 1; }
  sleep 2
done
touch "$stop_file"
wait
after="$(curl -sf "$sandbox/_sandbox/stats")"

reads="$(cat "$state_dir"/reads.* | wc -l)"
failed_reads="$(cat "$state_dir"/reads.* | grep -cvE '^(200|404)$' || true)"
charged=$(( $(jq '.enrichments.charged' <<<"$after") - $(jq '.enrichments.charged' <<<"$before") ))
distinct=$(( $(jq '.enrichments.distinctProfiles' <<<"$after") - $(jq '.enrichments.distinctProfiles' <<<"$before") ))
done_items="$(jq '.done' <<<"$job")"
failed_items="$(jq '.failed' <<<"$job")"
lost=$((profiles - done_items - $(jq '.skipped' <<<"$job") - failed_items))

echo
echo "Reads through the proxy: $reads, failed: $failed_reads ($(cat "$state_dir"/reads.* | sort | uniq -c | tr -s ' ' | tr '\n' ';'))"
echo "Job: $(jq -c '{total, done, skipped, failed, pending}' <<<"$job"); lost: $lost"
echo "Upstream: $charged enrichments charged for $distinct distinct profiles; paid twice: $((charged - distinct))"
[ "$failed_reads" -eq 0 ] && [ "$lost" -eq 0 ] && [ "$failed_items" -eq 0 ] && [ "$charged" -eq "$distinct" ] && [ "$distinct" -eq "$done_items" ]
