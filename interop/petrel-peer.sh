#!/usr/bin/env bash
# petrel-peer.sh - run one Petrel daemon inside a network namespace: the LEFT_PEER driver of the shared
# interop harness (../shared/interop), with the same verbs as its strongswan-peer.sh.
#
# Usage:
#   petrel-peer.sh start     NAMESPACE CONFIGDIR   # prints the daemon's PID on stdout
#   petrel-peer.sh stop      NAMESPACE             # SIGTERM (the daemon deletes its IKE SAs), then SIGKILL
#   petrel-peer.sh status    NAMESPACE             # prints the PID if running, rc 1 otherwise
#   petrel-peer.sh initiate  NAMESPACE CHILD [IKE] # bring up the connection that owns child CHILD
#   petrel-peer.sh swanctl   NAMESPACE ARGS...     # the swanctl options below, mapped onto petrel commands
#   petrel-peer.sh petrel    NAMESPACE ARGS...     # any petrel control command against this daemon
#
# swanctl options understood: --list-sas|-l, --list-conns|-L, --initiate|-i --child C [--ike I],
#   --terminate|-t --ike NAME, --load-all|-q (reload), --stats|-S (status); --timeout N bounds any of them,
#   --uri/--raw/--pretty are accepted and ignored. Anything else is refused with rc 2.
#
# CONFIGDIR holds swanctl.conf (the daemon reads CONFIGDIR/swanctl.conf; certificate configs are refused
# by the daemon for now). Per-namespace state lives in $INTEROP_RUN/NAMESPACE (default
# /run/petrel-interop/NAMESPACE): petrel.sock (control socket), petrel.pid, petrel.log, configdir.
# The daemon serves the connections' local_addrs on UDP 500 and 4500, opens the TUN device $PETREL_TUN
# (default petrel0; TUN names are per namespace) and routes each CHILD_SA's remote selectors into it.
# Environment knobs:
#   PETREL=path/to/bin/petrel   the launcher (default: this project's bin/petrel)
#   PETREL_TUN=petrel0          TUN device name
#   START_TIMEOUT=60            seconds to wait for the control socket to answer
#   STOP_TIMEOUT=10             seconds to wait after SIGTERM before SIGKILL
#   JAVA_TOOL_OPTIONS           JVM options for the daemon (the JVM reads them itself), e.g. -Xmx256m
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
PETREL=${PETREL:-$(dirname "$here")/bin/petrel}
PETREL_TUN=${PETREL_TUN:-petrel0}
INTEROP_RUN=${INTEROP_RUN:-/run/petrel-interop}
START_TIMEOUT=${START_TIMEOUT:-60}
STOP_TIMEOUT=${STOP_TIMEOUT:-10}

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '2,28p' "$0" >&2; exit 2; }
ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$1"; }

cmd=${1:-}; ns=${2:-}
[ -n "$cmd" ] && [ -n "$ns" ] || usage
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, TUN, UDP 500)"
[ -x "$PETREL" ] || die "$PETREL not found or not executable (set PETREL=)"
run="$INTEROP_RUN/$ns"
sock="$run/petrel.sock"

# The PID in petrel.pid, if that process is still the daemon we started (its command line names our socket).
running_pid() {
  local pid
  [ -f "$run/petrel.pid" ] || return 1
  pid=$(cat "$run/petrel.pid")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "--socket $sock" || return 1
  echo "$pid"
}

# petrel COMMAND ARGS...: a control command against this namespace's daemon. The control socket is a
# path in the file system, so the client needs no `ip netns exec`.
petrel() { local c=$1; shift; "$PETREL" "$c" --socket "$sock" "$@"; }

do_stop() {
  local pid
  if pid=$(running_pid); then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq $((STOP_TIMEOUT * 10))); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    if [ -d "/proc/$pid" ]; then
      log "daemon pid $pid in $ns did not stop within ${STOP_TIMEOUT}s after SIGTERM; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    fi
    log "stopped petrel daemon pid $pid in $ns"
  fi
  rm -f "$run/petrel.pid" "$sock"
}

# The connection that owns child $1, from `petrel list-conns --json`.
connection_of() {
  petrel list-conns --json | python3 -c '
import json, sys
child = sys.argv[1]
owners = [c["name"] for c in json.load(sys.stdin) if any(ch["name"] == child for ch in c["children"])]
if len(owners) != 1:
    sys.exit("child %r is in %s connections (%s): pass the IKE name" % (child, len(owners), ", ".join(owners) or "no"))
print(owners[0])' "$1"
}

# `petrel initiate CONN` brings up the connection with its first child; refuse any other child rather than
# pretend it was initiated.
check_first_child() {
  petrel list-conns --json | python3 -c '
import json, sys
conn, child = sys.argv[1], sys.argv[2]
for c in json.load(sys.stdin):
    if c["name"] == conn:
        names = [ch["name"] for ch in c["children"]]
        if child not in names:
            sys.exit("connection %s has no child %s (children: %s)" % (conn, child, ", ".join(names)))
        if names[0] != child:
            sys.exit("petrel initiate brings up the first child of %s (%s), not %s" % (conn, names[0], child))
        sys.exit(0)
sys.exit("no connection named %s" % conn)' "$1" "$2"
}

do_initiate() { # CHILD [IKE] [TIMEOUT]
  local child=$1 ike=${2:-} timeout=${3:-30}
  running_pid >/dev/null || die "no petrel daemon running in $ns"
  [ -n "$ike" ] || ike=$(connection_of "$child") || exit 1
  check_first_child "$ike" "$child" || exit 1
  timeout "$timeout" "$PETREL" initiate "$ike" --socket "$sock"
}

# swanctl ARGS...: the options the harness scripts use, mapped onto petrel's control commands.
do_swanctl() {
  local op="" ike="" child="" tmo=""
  while [ $# -gt 0 ]; do
    case $1 in
      --list-sas|-l) op=list-sas ;;
      --list-conns|-L) op=list-conns ;;
      --initiate|-i) op=initiate ;;
      --terminate|-t) op=terminate ;;
      --load-all|-q) op=reload ;;
      --stats|-S) op=stats ;;
      --ike) ike=${2:?--ike needs a name}; shift ;;
      --child|-c) child=${2:?--child needs a name}; shift ;;
      --timeout) tmo=${2:?--timeout needs seconds}; shift ;;
      --uri|-u) shift ;;
      --raw|-r|--pretty|-P) ;;
      *) log "swanctl option $1 is not mapped onto petrel"; return 2 ;;
    esac
    shift
  done
  local t=()
  [ -n "$tmo" ] && t=(timeout "$tmo")
  case $op in
    list-sas|list-conns) "${t[@]}" "$PETREL" "$op" --socket "$sock" ;;
    reload) "${t[@]}" "$PETREL" reload --socket "$sock" ;;
    stats) running_pid >/dev/null || die "no petrel daemon running in $ns"
           echo "petrel daemon pid $(running_pid) in $ns, control socket $sock" ;;
    initiate)
      [ -n "$child" ] || { log "--initiate needs --child (petrel initiates a connection with its first child)"; return 2; }
      do_initiate "$child" "$ike" "${tmo:-30}" ;;
    terminate)
      [ -n "$ike" ] || { log "--terminate needs --ike NAME (petrel cannot delete a single CHILD_SA yet)"; return 2; }
      [ -z "$child" ] || { log "--terminate --child is not supported by petrel; use --ike"; return 2; }
      "${t[@]}" "$PETREL" terminate "$ike" --socket "$sock" ;;
    *) log "no swanctl command given"; return 2 ;;
  esac
}

case "$cmd" in
start)
  configdir=$(readlink -f "${3:?CONFIGDIR missing}")
  [ -f "$configdir/swanctl.conf" ] || die "$configdir/swanctl.conf not found"
  ns_exists "$ns" || die "namespace $ns does not exist"
  if pid=$(running_pid); then die "petrel already running in $ns (pid $pid); stop it first"; fi
  mkdir -p "$run"; rm -f "$sock" "$run/petrel.log"
  echo "$configdir" > "$run/configdir"
  # Build outside the namespace if sources changed (bin/petrel does that itself, but not with a start timeout).
  "$PETREL" --version >/dev/null || die "$PETREL does not run"
  # ip netns exec execs bin/petrel, which execs java: $! is the daemon's own PID.
  setsid ip netns exec "$ns" "$PETREL" daemon --config "$configdir/swanctl.conf" --socket "$sock" --tun "$PETREL_TUN" \
      </dev/null >"$run/petrel.log" 2>&1 &
  pid=$!
  echo "$pid" > "$run/petrel.pid"
  trap 'rc=$?; if [ $rc -ne 0 ]; then log "start failed, cleaning up"; tail -5 "$run/petrel.log" >&2; do_stop; fi' EXIT
  deadline=$((SECONDS + START_TIMEOUT))
  until [ -S "$sock" ] && petrel list-conns >/dev/null 2>&1; do
    [ -d "/proc/$pid" ] || die "petrel daemon exited; see $run/petrel.log"
    [ "$SECONDS" -lt "$deadline" ] || die "control socket $sock did not answer within ${START_TIMEOUT}s"
    sleep 0.2
  done
  log "petrel daemon pid $pid running in $ns with $configdir (log $run/petrel.log)"
  trap - EXIT
  echo "$pid"
  ;;
stop)
  do_stop ;;
status)
  running_pid ;;
initiate)
  do_initiate "${3:?CHILD missing}" "${4:-}" ;;
swanctl)
  shift 2; do_swanctl "$@" ;;
petrel)
  shift 2; [ $# -gt 0 ] || usage; petrel "$@" ;;
*)
  usage ;;
esac
