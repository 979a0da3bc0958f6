#!/usr/bin/env bash
# strongswan-wire-capture.sh OUTDIR
# Captures the IKEv2 datagrams that wire's StrongSwanCaptureTest decodes, between two strongSwan peers of the
# ../shared/interop harness, and writes them to OUTDIR as hex (UDP 4500 datagrams without the non-ESP marker):
#   psk-*   the psk case with send_vendor_id = yes: IKE_SA_INIT request and response, the IKE_AUTH request (SK),
#           an empty INFORMATIONAL response
#   cert-*  the cert case with the responder offering only aes256-sha256-modp2048 (INVALID_KE_PAYLOAD, then a retry
#           with MODP 2048 and a CERTREQ) and fragment_size = 400 (IKE_AUTH in SKF fragments, RFC 7383)
# plus psk.pcap and cert.pcap. SPIs, nonces and keys differ on each run: the test's expected values follow the
# files committed under wire/src/test/resources/dev/petrel/wire/ike.
# Needs root, iproute2, strongSwan (charon-systemd, swanctl, strongswan-pki), tshark and python3.
# Namespaces are private to this script (see strongswan-capture-lib.sh for the names) and removed on exit.
set -euo pipefail
out=$(mkdir -p "${1:?usage: strongswan-wire-capture.sh OUTDIR}" && cd "$1" && pwd)
. "$(dirname "$(readlink -f "$0")")/strongswan-capture-lib.sh" pw

stop_all() {
  [ -n "$cap_pid" ] && capture_down
  "$shared/strongswan-peer.sh" stop "$LEFT_NS" >/dev/null 2>&1
  "$shared/strongswan-peer.sh" stop "$RIGHT_NS" >/dev/null 2>&1
}

# capture CASE SETTINGS [RIGHT_PROPOSALS]: one IKE SA between the peers, captured on the initiator's veth
capture() {
  local case=$1 settings=$2 proposals=${3:-}
  for side in left right; do
    mkdir -p "$work/$case/$side"
    cp -a "$shared/conf/$case/$side/." "$work/$case/$side/"
    chmod -R u+w "$work/$case/$side"
    printf 'charon {\n%s\n}\n' "$settings" > "$work/$case/$side/strongswan.conf"
  done
  if [ "$case" = cert ]; then
    "$shared/gen-certs.sh" "$work/pki" left right >/dev/null
    for side in left right; do cp -a "$work/pki/$side/." "$work/$case/$side/"; done
  fi
  [ -z "$proposals" ] || sed -i "s/^    proposals = .*/    proposals = $proposals/" "$work/$case/right/swanctl.conf"
  ip netns exec "$LEFT_NS" tshark -q -i "$LEFT_VETH" -F pcap -w "$work/$case.pcap" -f 'udp port 500 or udp port 4500' \
    > "$work/$case.tshark" 2>&1 &
  cap_pid=$!
  for _ in $(seq 100); do grep -q "Capturing on" "$work/$case.tshark" 2>/dev/null && break; sleep 0.1; done
  "$shared/strongswan-peer.sh" start "$RIGHT_NS" "$work/$case/right" >/dev/null
  "$shared/strongswan-peer.sh" start "$LEFT_NS" "$work/$case/left" >/dev/null
  "$shared/strongswan-peer.sh" initiate "$LEFT_NS" net >/dev/null
  sleep 2 # the MOBIKE INFORMATIONAL exchange follows IKE_AUTH
  stop_all
  cp "$work/$case.pcap" "$out/$case.pcap"
}

# datagram PCAP FRAME NAME: the UDP payload of one frame as hex, 32 octets a line, without a non-ESP marker
datagram() {
  tshark -r "$out/$1.pcap" -Y "frame.number==$2" -T fields -e udp.srcport -e udp.payload 2>/dev/null | python3 -c '
import sys, textwrap
port, payload = sys.stdin.read().split()
print("\n".join(textwrap.wrap(payload[8:] if port == "4500" else payload, 64)))' > "$out/$3.hex"
}

"$shared/netns-up.sh" >/dev/null
capture psk '  send_vendor_id = yes'
capture cert '  send_vendor_id = yes
  fragment_size = 400' aes256-sha256-modp2048
tshark -r "$out/psk.pcap" 2>/dev/null
tshark -r "$out/cert.pcap" 2>/dev/null
datagram psk 1 psk-ike-sa-init-request
datagram psk 2 psk-ike-sa-init-response
datagram psk 3 psk-ike-auth-request
datagram psk 6 psk-informational-response
datagram cert 2 cert-invalid-ke-response
datagram cert 3 cert-ike-sa-init-request
datagram cert 4 cert-ike-sa-init-response
datagram cert 5 cert-ike-auth-request-fragment-1
datagram cert 7 cert-ike-auth-request-fragment-3
echo "strongswan-wire-capture: hex datagrams in $out"
