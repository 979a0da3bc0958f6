#!/usr/bin/env bash
# bench/load.sh - IKE SA setup rate of two responders, side by side in one run: a Petrel daemon (`petrel daemon`) and
# strongSwan's charon (kernel-libipsec), each in turn in the same network namespace with the same proposals, driven by
# the same `petrel load` command from a second namespace. Prints each one's handshakes/s, latency percentiles,
# failures, the responder's CPU time per handshake and its VmRSS, and the ratio Petrel / charon.
#
# Layout (the shared interop harness, ../shared/interop: netns-up.sh, strongswan-peer.sh, gen-certs.sh; and this
# project's interop/petrel-peer.sh):
#   PREFIX-i  192.0.2.1  `petrel load` (inner 198.51.100.1 on lo)
#   PREFIX-r  192.0.2.2  the responder: Petrel or charon, connection "load" (inner 203.0.113.1 on lo)
# Each IKE SA has a CHILD_SA 198.51.100.0/24 <-> 203.0.113.0/24 (unless CHILD=no) and is deleted as soon as it is up
# (its DELETE exchange holds its concurrency slot), so each responder does set-up, CHILD_SA install and tear-down.
# Every initiator has an identity of its own (load-N.petrel.test), as strongSwan's load-tester gives them, so that
# no responder deletes one IKE SA for another's INITIAL_CONTACT. CASE=psk: one PSK for all. CASE=ecdsa: a throw-away
# CA (gen-certs.sh) certifies the responder (right.petrel.test) and `petrel load` issues each initiator an ECDSA
# P-256 certificate for its identity from that CA as it starts (one signature on the generator's side per handshake).
#
# Per round and responder: start it, an unmeasured warm-up run of WARMUP handshakes (the JVMs compile their hot paths;
# charon gets the same), the measured run of COUNT, stop it. Rounds alternate Petrel, charon, Petrel, charon...
#
# charon is given what a load needs (see strongswan_settings): no per-address half-open block (block_threshold; all
# initiators share one address), a hashed IKE SA table, and Petrel's cookie threshold (10 half-open IKE SAs, which
# Petrel's engine has built in), so that both answer the same concurrency the same way.
#
# With HELD=N instead: memory per established IKE SA (each with its CHILD_SA unless CHILD=no). Each responder in turn
# gets a warm-up run, then `petrel load --keep` sets up N IKE SAs and holds them; once the responder reports N, its
# memory is read again: Petrel's used heap after a full GC (jcmd GC.run, GC.heap_info), charon's VmRSS (C has no GC'd
# heap to ask). Printed: the difference over N, per responder.
#
# Usage: bench/load.sh            (as root; about ROUNDS x 2 x (start + (WARMUP + COUNT) / rate) seconds)
# Environment:
#   CASE=psk          psk | ecdsa
#   COUNT=10000       measured handshakes per run          WARMUP=10000     unmeasured ones before them (the JIT)
#   CONCURRENCY=8     IKE SAs under way at once             ROUNDS=2         Petrel and charon runs each
#   IKE=aes128gcm16-prfsha256-x25519   ESP=aes128gcm16      CHILD=yes        no: IKE SAs alone
#   PORTS=10000-10003 the generator's source ports (one socket each)
#   CHARON_LOGLEVEL=1 charon's file log level (its default); Petrel logs its INFO lines to a file
#   PETREL_SHARED=../shared/interop     BENCH_NS_PREFIX=ld     RESULTS=file.tsv (the raw figures too)
#   RESPONDERS="petrel charon"          PETREL=bin/petrel (the launcher, for the daemon and the generator)
#   HELD=10000        measure memory per held IKE SA instead of the rate
# Everything it starts is stopped by PID, and its namespaces and run directory are removed on exit, also on failure.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
SHARED=$(readlink -f "${PETREL_SHARED:-$root/../shared/interop}")
export PETREL=${PETREL:-$root/bin/petrel}
declare -A DRIVERS=([petrel]=$root/interop/petrel-peer.sh [charon]=$SHARED/strongswan-peer.sh)

CASE=${CASE:-psk}
COUNT=${COUNT:-10000}
WARMUP=${WARMUP:-10000}
CONCURRENCY=${CONCURRENCY:-8}
ROUNDS=${ROUNDS:-2}
RESPONDERS=${RESPONDERS:-"petrel charon"}
IKE=${IKE:-aes128gcm16-prfsha256-x25519}
ESP=${ESP:-aes128gcm16}
CHILD=${CHILD:-yes}
PORTS=${PORTS:-10000-10003}
RESULTS=${RESULTS:-}
HELD=${HELD:-}
export CHARON_LOGLEVEL=${CHARON_LOGLEVEL:-1}

prefix=${BENCH_NS_PREFIX:-ld}
export LEFT_NS=$prefix-i RIGHT_NS=$prefix-r LEFT_VETH=$prefix-vi RIGHT_VETH=$prefix-vr
export INTEROP_RUN=/run/petrel-load-bench/$prefix
TARGET=192.0.2.2
PSK=petrel-load-bench-psk-0123456789

log() { printf '[load.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

work=""
running=""   # the responder driver with a daemon up, if any
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$running" ] && "${DRIVERS[$running]}" stop "$RIGHT_NS" >/dev/null 2>&1
  remove_namespaces
  rm -rf "$INTEROP_RUN" "$work"
  rmdir /run/petrel-load-bench 2>/dev/null
  exit "$rc"
}

# --- the responder's configuration: one swanctl.conf for both, plus charon's settings -------------------------------
responder_config() { # DIR
  local dir=$1 local_auth remote_auth secrets=""
  mkdir -p "$dir"
  case $CASE in
    psk)
      local_auth="auth = psk
      id = responder.petrel.test"
      remote_auth="auth = psk"
      secrets="secrets {
  ike-load {
    # test-only secret; never reuse
    secret = \"$PSK\"
  }
}" ;;
    ecdsa)
      KEYTYPE=ecdsa "$SHARED/gen-certs.sh" "$work/pki" left right >/dev/null
      cp -r "$work/pki/right/." "$dir/"
      local_auth="auth = pubkey
      certs = right.pem
      id = right.petrel.test"
      remote_auth="auth = pubkey
      cacerts = ca.pem" ;;
    *) die "CASE is psk or ecdsa, not $CASE" ;;
  esac
  local children=""
  [ "$CHILD" = yes ] && children="children {
      load {
        local_ts = 203.0.113.0/24
        remote_ts = 198.51.100.0/24
        esp_proposals = $ESP
        rekey_time = 0
        start_action = none
      }
    }"
  cat > "$dir/swanctl.conf" <<CONF
# bench/load.sh: the responder of the load (Petrel or charon), any initiator
connections {
  load {
    version = 2
    local_addrs = $TARGET
    proposals = $IKE
    rekey_time = 0
    local {
      $local_auth
    }
    remote {
      $remote_auth
    }
    $children
  }
}
$secrets
CONF
  strongswan_settings > "$dir/strongswan.conf"
}

strongswan_settings() {
  cat <<'CONF'
# bench/load.sh: charon as a responder under load (strongswan-peer.sh appends this to its strongswan.conf)
charon {
  # Petrel's built-in threshold: a COOKIE is asked for from 10 half-open IKE SAs on (RFC 7296 §2.6)
  cookie_threshold = 10
  # every initiator comes from one address: no per-address limit on half-open IKE SAs (default 5)
  block_threshold = 1000000
  init_limit_half_open = 0
  # a hashed IKE SA table (the default is one row) and the default worker threads
  ikesa_table_size = 4096
  ikesa_table_segments = 16
  threads = 16
}
CONF
}

# --- one run of the generator ------------------------------------------------------------------------------------------
load_args() { # COUNT
  local args=("$TARGET" --count "$1" --concurrency "$CONCURRENCY" --ports "$PORTS" --ike-proposals "$IKE" --json)
  case $CASE in
    psk) args+=(--psk-file "$work/psk") ;;
    ecdsa) args+=(--ca-cert "$work/pki/ca/ca.pem" --ca-key "$work/pki/ca/ca.key") ;;
  esac
  if [ "$CHILD" = yes ]; then
    args+=(--esp-proposals "$ESP" --local-ts 198.51.100.0/24 --remote-ts 203.0.113.0/24)
  else
    args+=(--no-child)
  fi
  printf '%s\n' "${args[@]}"
}
run_load() { # COUNT OUT.json
  local args
  mapfile -t args < <(load_args "$1")
  ip netns exec "$LEFT_NS" "$PETREL" load "${args[@]}" > "$2" 2>"$2.err" || true
  [ -s "$2" ] || { log "petrel load printed nothing:"; tail -5 "$2.err" >&2; return 1; }
}

cpu_ms() { # utime+stime of PID, all threads, in ms
  sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($12 + $13) * 1000 / hz}'
}

declare -A RATE=() P50=() P99=() FAILED=() CPU=() RSS=()
# measure RESPONDER ROUND
measure() {
  local who=$1 round=$2 driver=${DRIVERS[$1]} pid before after out=$work/$1-$2.json
  pid=$("$driver" start "$RIGHT_NS" "$work/responder") || die "$who did not start"
  running=$who
  run_load "$WARMUP" "$work/$who-$round-warmup.json" || die "$who: the warm-up run failed"
  before=$(cpu_ms "$pid")
  run_load "$COUNT" "$out" || die "$who: the measured run failed"
  after=$(cpu_ms "$pid")
  RSS[$who,$round]=$(rss_mib "$pid")
  "$driver" stop "$RIGHT_NS" >/dev/null 2>&1
  running=""
  read -r RATE[$who,$round] P50[$who,$round] P99[$who,$round] FAILED[$who,$round] ok < <(python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
l = r["latencyMs"] or {"p50": float("nan"), "p99": float("nan")}
failed = ",".join("%s:%d" % (f["reason"], f["count"]) for f in r["failures"]) or "0"
print("%.1f %.2f %.2f %s %d" % (r["handshakesPerSecond"], l["p50"], l["p99"], failed, r["succeeded"]))
PY
  )
  CPU[$who,$round]=$(awk -v ms=$((after - before)) -v n="$ok" 'BEGIN {printf "%.2f", (n > 0 ? ms / n : 0)}')
  log "$who, round $round: ${RATE[$who,$round]} handshakes/s, p50 ${P50[$who,$round]} ms, p99 ${P99[$who,$round]} ms," \
    "failed ${FAILED[$who,$round]}, responder CPU ${CPU[$who,$round]} ms/handshake, VmRSS ${RSS[$who,$round]} MiB"
}

# --- memory per held IKE SA ---------------------------------------------------------------------------------------------
# memory WHO PID: Petrel's used heap after a full GC, or charon's VmRSS, in KiB
memory_kib() {
  if [ "$1" = petrel ]; then
    "$JAVA_HOME/bin/jcmd" "$2" GC.run >/dev/null
    "$JAVA_HOME/bin/jcmd" "$2" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
  else
    awk '/^VmRSS:/ {print $2}' "/proc/$2/status"
  fi
}
held_sas() { # WHO: the IKE SAs the responder holds
  if [ "$1" = petrel ]; then
    # its log says each one established and each one deleted (list-sas would list them all)
    awk '/IKE SA .* established with / {n++} /IKE SA .* deleted: / {n--} END {print n + 0}' "$INTEROP_RUN/$RIGHT_NS/petrel.log"
  else
    "${DRIVERS[charon]}" swanctl "$RIGHT_NS" --stats | sed -n 's/.*IKE_SAs: \([0-9]*\) total.*/\1/p'
  fi
}
declare -A BEFORE=() AFTER=()
held() { # WHO
  local who=$1 driver=${DRIVERS[$1]} pid gen args n=0
  pid=$("$driver" start "$RIGHT_NS" "$work/responder") || die "$who did not start"
  running=$who
  run_load "$WARMUP" "$work/$who-warmup.json" || die "$who: the warm-up run failed"
  BEFORE[$who]=$(memory_kib "$who" "$pid")
  mapfile -t args < <(load_args "$HELD")
  ip netns exec "$LEFT_NS" "$PETREL" load "${args[@]}" --keep --hold 10m --timeout 30s > "$work/$who-held.json" 2>&1 &
  gen=$!
  for _ in $(seq 600); do
    n=$(held_sas "$who" 2>/dev/null || echo 0)
    [ "${n:-0}" -ge "$HELD" ] && break
    kill -0 "$gen" 2>/dev/null || break
    sleep 2
  done
  [ "${n:-0}" -ge "$HELD" ] || { kill "$gen" 2>/dev/null; wait "$gen" 2>/dev/null; die "$who holds ${n:-0} IKE SAs, not $HELD"; }
  AFTER[$who]=$(memory_kib "$who" "$pid")
  if [ "$who" = petrel ]; then # what the heap holds per IKE SA: the class histogram's top
    "$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram | awk -v n="$HELD" '$1 ~ /^[0-9]+:$/ && NF >= 4 && ++k <= 20 {
      printf "  %7.2f %8.1f B  %s\n", $2 / n, $3 / n, $4 }' > "$work/histogram"
    log "Petrel's heap per held IKE SA, top classes (instances, bytes):"; cat "$work/histogram" >&2
  fi
  log "$who: $n IKE SAs held, memory ${BEFORE[$who]} KiB before, ${AFTER[$who]} KiB with them"
  kill "$gen" 2>/dev/null; wait "$gen" 2>/dev/null || true
  "$driver" stop "$RIGHT_NS" >/dev/null 2>&1
  running=""
}

# --- main ----------------------------------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, TUN devices, UDP 500)"
[ -x "${DRIVERS[charon]}" ] || die "the interop harness is not at $SHARED (set PETREL_SHARED)"
for tool in charon-systemd swanctl python3 ip; do
  PATH=$PATH:/usr/sbin:/sbin command -v "$tool" >/dev/null || die "$tool missing (see $SHARED/README.md for the packages)"
done
refuse_existing_namespaces
work=$(mktemp -d /tmp/petrel-load-bench.XXXXXX)
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$INTEROP_RUN"
"$PETREL" --version >/dev/null || die "bin/petrel does not run"
(umask 077; printf '%s\n' "$PSK" > "$work/psk")
responder_config "$work/responder"
"$SHARED/netns-up.sh" 2>/dev/null || die "netns-up.sh failed"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "CASE=$CASE IKE $IKE, ESP $ESP (CHILD=$CHILD), $COUNT handshakes after $WARMUP warm-up, concurrency $CONCURRENCY," \
  "ports $PORTS, $ROUNDS rounds; load $load_before"

if [ -n "$HELD" ]; then
  . "$root/bin/jdk.sh"
  for who in $RESPONDERS; do held "$who"; done
  echo
  echo "$(date -u '+%F %H:%M UTC'), CASE=$CASE, IKE $IKE, ESP $ESP, CHILD=$CHILD: $HELD IKE SAs held"
  printf '| responder | memory | before KiB | with them KiB | bytes per IKE SA |\n|---|---|---:|---:|---:|\n'
  for who in $RESPONDERS; do
    printf '| %s | %s | %s | %s | %s |\n' "$who" "$([ "$who" = petrel ] && echo "used heap after GC" || echo VmRSS)" \
      "${BEFORE[$who]}" "${AFTER[$who]}" "$(( (AFTER[$who] - BEFORE[$who]) * 1024 / HELD ))"
  done
  exit 0
fi
for round in $(seq "$ROUNDS"); do
  for who in $RESPONDERS; do measure "$who" "$round"; done
done

echo
echo "$(date -u '+%F %H:%M UTC'), $(nproc) CPUs ($(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1)), kernel $(uname -r)"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CASE=$CASE, IKE $IKE, ESP $ESP, CHILD=$CHILD, $COUNT handshakes per run after $WARMUP warm-up, concurrency $CONCURRENCY"
printf '| round | responder | handshakes/s | p50 ms | p99 ms | failed | responder CPU ms/handshake | VmRSS MiB |\n'
printf '|---:|---|---:|---:|---:|---|---:|---:|\n'
for round in $(seq "$ROUNDS"); do
  for who in petrel charon; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$who" "${RATE[$who,$round]}" "${P50[$who,$round]}" \
      "${P99[$who,$round]}" "${FAILED[$who,$round]}" "${CPU[$who,$round]}" "${RSS[$who,$round]}"
    [ -n "$RESULTS" ] && printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$CASE" "$round" "$who" "${RATE[$who,$round]}" \
      "${P50[$who,$round]}" "${P99[$who,$round]}" "${FAILED[$who,$round]}" "${CPU[$who,$round]}" "${RSS[$who,$round]}" >> "$RESULTS"
  done
done
# the ratio of the mean rates, and of the mean CPU per handshake
awk -v rounds="$ROUNDS" -v rates="$(for r in $(seq "$ROUNDS"); do printf '%s %s ' "${RATE[petrel,$r]}" "${RATE[charon,$r]}"; done)" \
    -v cpus="$(for r in $(seq "$ROUNDS"); do printf '%s %s ' "${CPU[petrel,$r]}" "${CPU[charon,$r]}"; done)" 'BEGIN {
  n = split(rates, a, " "); split(cpus, c, " ")
  for (i = 1; i <= n; i += 2) { p += a[i]; s += a[i + 1]; pc += c[i]; sc += c[i + 1] }
  printf "\nmean rate: Petrel %.1f/s, charon %.1f/s, Petrel / charon = %.2f\n", p / rounds, s / rounds, p / s
  printf "mean responder CPU per handshake: Petrel %.2f ms, charon %.2f ms, charon / Petrel = %.2f\n", pc / rounds, sc / rounds, sc / pc
}'
