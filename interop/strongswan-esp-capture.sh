#!/usr/bin/env bash
# strongswan-esp-capture.sh OUTDIR PROPOSAL
# Brings up a strongSwan <-> strongSwan tunnel (the ../shared/interop harness, psk case) with one ESP proposal,
# tunnel mode, pings through it, and leaves in OUTDIR what a test needs to decrypt strongSwan's ESP independently:
#   capture.pcap  the packets on the link (ESP in UDP 4500: strongSwan 5.9's libipsec always encapsulates)
#   left.log      the initiator's charon log at level 4, which prints the CHILD_SA keys and SPIs
# Needs root, iproute2, strongSwan (charon-systemd, swanctl, libstrongswan-standard-plugins), tshark and ping.
# Namespaces are private to this script (override PETREL_NS_PREFIX) and removed on exit.
set -euo pipefail
out=${1:?usage: strongswan-esp-capture.sh OUTDIR PROPOSAL}
proposal=${2:?proposal missing, e.g. aes128gcm16}
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
shared=${PETREL_SHARED:-$(cd "$here/../.." && pwd)/shared/interop}
[ -x "$shared/strongswan-peer.sh" ] || { echo "strongswan-esp-capture: $shared/strongswan-peer.sh not found" >&2; exit 2; }

prefix=${PETREL_NS_PREFIX:-pt$$}
export LEFT_NS="$prefix-l" RIGHT_NS="$prefix-r" LEFT_VETH="$prefix-vl" RIGHT_VETH="$prefix-vr"
export INTEROP_RUN="/run/petrel-esp-capture/$prefix" CHARON_LOGLEVEL=4
mkdir -p "$out"
work=$(mktemp -d /tmp/petrel-esp-capture.XXXXXX)
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

"$shared/netns-up.sh" >/dev/null
for side in left right; do
  mkdir -p "$work/$side"
  sed -e "s/esp_proposals = .*/esp_proposals = $proposal/" \
      "$shared/conf/psk/$side/swanctl.conf" > "$work/$side/swanctl.conf"
done
ip netns exec "$RIGHT_NS" tshark -q -i "$RIGHT_VETH" -F pcap -w "$work/capture.pcap" -f "udp port 4500 or ip proto 50" \
  > "$work/tshark.out" 2>&1 &
cap_pid=$!
for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.out" 2>/dev/null && break; sleep 0.1; done
"$shared/strongswan-peer.sh" start "$RIGHT_NS" "$work/right" >/dev/null
"$shared/strongswan-peer.sh" start "$LEFT_NS" "$work/left" >/dev/null
"$shared/strongswan-peer.sh" initiate "$LEFT_NS" net >/dev/null
ip netns exec "$LEFT_NS" ping -c 3 -i 0.2 -W 2 -s 200 -I 198.51.100.1 203.0.113.1 >/dev/null
sleep 0.3
kill "$cap_pid"; wait "$cap_pid" 2>/dev/null || true; cap_pid=""
cp "$work/capture.pcap" "$out/capture.pcap"
cp "$INTEROP_RUN/$LEFT_NS/charon.log" "$out/left.log"
echo "strongswan-esp-capture: $proposal -> $out"
