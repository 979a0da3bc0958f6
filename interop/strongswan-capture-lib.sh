# strongswan-capture-lib.sh - sourced by the strongswan-*-capture.sh scripts, not run.
# Two strongSwan peers of the ../shared/interop harness (psk case) in namespaces of their own, a tshark capture on the
# right veth, and everything torn down on exit. Namespace, veth and run-directory names come from the environment
# (LEFT_NS, RIGHT_NS, LEFT_VETH, RIGHT_VETH, INTEROP_RUN), else from PETREL_NS_PREFIX (default: a prefix made of
# $1 and this shell's PID). Charon logs at level 4. Sets: shared, work (a temporary folder), and the names above.
#   capture_up SED FILTER  namespaces up; both sides' swanctl.conf rewritten by the sed script SED; tshark writes
#                          $work/capture.pcap with the capture filter FILTER; the responder, then the initiator start
#   capture_down           stops tshark
lib_here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
shared=${PETREL_SHARED:-$(cd "$lib_here/../.." && pwd)/shared/interop}
[ -x "$shared/strongswan-peer.sh" ] || { echo "$(basename "$0"): $shared/strongswan-peer.sh not found" >&2; exit 2; }

prefix=${PETREL_NS_PREFIX:-$1$$}
export LEFT_NS=${LEFT_NS:-$prefix-l} RIGHT_NS=${RIGHT_NS:-$prefix-r}
export LEFT_VETH=${LEFT_VETH:-$prefix-vl} RIGHT_VETH=${RIGHT_VETH:-$prefix-vr}
export INTEROP_RUN=${INTEROP_RUN:-/run/petrel-capture/$prefix} CHARON_LOGLEVEL=4
work=$(mktemp -d /tmp/petrel-capture.XXXXXX)
cap_pid=""

cleanup() {
  set +e
  [ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null && wait "$cap_pid" 2>/dev/null
  "$shared/strongswan-peer.sh" stop "$LEFT_NS" >/dev/null 2>&1
  "$shared/strongswan-peer.sh" stop "$RIGHT_NS" >/dev/null 2>&1
  "$shared/netns-down.sh" >/dev/null 2>&1
  rm -rf "$work" "$INTEROP_RUN"
}
trap cleanup EXIT INT TERM

capture_up() {
  "$shared/netns-up.sh" >/dev/null
  for side in left right; do
    mkdir -p "$work/$side"
    sed -e "$1" "$shared/conf/psk/$side/swanctl.conf" > "$work/$side/swanctl.conf"
  done
  ip netns exec "$RIGHT_NS" tshark -q -i "$RIGHT_VETH" -F pcap -w "$work/capture.pcap" -f "$2" > "$work/tshark.out" 2>&1 &
  cap_pid=$!
  for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.out" 2>/dev/null && break; sleep 0.1; done
  "$shared/strongswan-peer.sh" start "$RIGHT_NS" "$work/right" >/dev/null
  "$shared/strongswan-peer.sh" start "$LEFT_NS" "$work/left" >/dev/null
}

capture_down() {
  kill "$cap_pid"; wait "$cap_pid" 2>/dev/null || true; cap_pid=""
}
