#!/usr/bin/env bash
# strongswan-esp-capture.sh OUTDIR PROPOSAL
# Brings up a strongSwan <-> strongSwan tunnel (the ../shared/interop harness, psk case) with one ESP proposal,
# tunnel mode, pings through it, and leaves in OUTDIR what a test needs to decrypt strongSwan's ESP independently:
#   capture.pcap  the packets on the link (ESP in UDP 4500: strongSwan 5.9's libipsec always encapsulates)
#   left.log      the initiator's charon log at level 4, which prints the CHILD_SA keys and SPIs
# Needs root, iproute2, strongSwan (charon-systemd, swanctl, libstrongswan-standard-plugins), tshark and ping.
# Namespaces are private to this script (see strongswan-capture-lib.sh for the names) and removed on exit.
set -euo pipefail
out=${1:?usage: strongswan-esp-capture.sh OUTDIR PROPOSAL}
proposal=${2:?proposal missing, e.g. aes128gcm16}
. "$(dirname "$(readlink -f "$0")")/strongswan-capture-lib.sh" pt
mkdir -p "$out"
capture_up "s/esp_proposals = .*/esp_proposals = $proposal/" "udp port 4500 or ip proto 50"
"$shared/strongswan-peer.sh" initiate "$LEFT_NS" net >/dev/null
ip netns exec "$LEFT_NS" ping -c 3 -i 0.2 -W 2 -s 200 -I 198.51.100.1 203.0.113.1 >/dev/null
sleep 0.3
capture_down
cp "$work/capture.pcap" "$out/capture.pcap"
cp "$INTEROP_RUN/$LEFT_NS/charon.log" "$out/left.log"
echo "strongswan-esp-capture: $proposal -> $out"
