#!/usr/bin/env bash
# strongswan-ike-capture.sh OUTDIR IKE_PROPOSAL [ESP_PROPOSAL]
# Brings up a strongSwan <-> strongSwan IKE SA with one CHILD_SA (the ../shared/interop harness, psk case) with the
# given IKE proposal, rekeys the IKE SA once (CREATE_CHILD_SA, RFC 7296 §2.18), and leaves in OUTDIR what a test
# needs to recompute strongSwan's IKE key schedule:
#   capture.pcap    the IKE datagrams on the link (UDP 500, then UDP 4500 with the non-ESP marker after the NAT-D float)
#   keys.properties the secrets the initiator's charon printed at log level 4, as NAME.N = hex, N counting the
#                   occurrences: g_ir (the shared secret), SKEYSEED, SK_d ... SK_pr (.1 the first IKE SA, .2 the
#                   rekeyed one), and the first CHILD_SA's keys (child.encryption_initiator.1 ...)
#                   and the test-only pre-shared key of the harness's psk configuration (psk = text)
#   left.log        the initiator's whole charon log; right.log the responder's
# Needs root, iproute2, strongSwan (charon-systemd, swanctl, libstrongswan-standard-plugins) and tshark.
# Namespace, veth and run-directory names come from the environment (LEFT_NS, RIGHT_NS, LEFT_VETH, RIGHT_VETH,
# INTEROP_RUN; defaults private to this script) and are removed on exit. PLUGINS passes through to
# strongswan-peer.sh: AES-XCBC proposals need its list with xcbc added.
set -euo pipefail
out=${1:?usage: strongswan-ike-capture.sh OUTDIR IKE_PROPOSAL [ESP_PROPOSAL]}
proposal=${2:?IKE proposal missing, e.g. aes128gcm16-prfsha256-x25519}
esp=${3:-aes128gcm16}
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
shared=${PETREL_SHARED:-$(cd "$here/../.." && pwd)/shared/interop}
[ -x "$shared/strongswan-peer.sh" ] || { echo "strongswan-ike-capture: $shared/strongswan-peer.sh not found" >&2; exit 2; }

prefix=${PETREL_NS_PREFIX:-pk$$}
export LEFT_NS=${LEFT_NS:-$prefix-l} RIGHT_NS=${RIGHT_NS:-$prefix-r}
export LEFT_VETH=${LEFT_VETH:-$prefix-vl} RIGHT_VETH=${RIGHT_VETH:-$prefix-vr}
export INTEROP_RUN=${INTEROP_RUN:-/run/petrel-ike-capture/$prefix} CHARON_LOGLEVEL=4
mkdir -p "$out"
work=$(mktemp -d /tmp/petrel-ike-capture.XXXXXX)
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
  sed -e "s/^\(    proposals = \).*/\1$proposal/" -e "s/esp_proposals = .*/esp_proposals = $esp/" \
      "$shared/conf/psk/$side/swanctl.conf" > "$work/$side/swanctl.conf"
done
ip netns exec "$RIGHT_NS" tshark -q -i "$RIGHT_VETH" -F pcap -w "$work/capture.pcap" -f 'udp port 500 or udp port 4500' \
  > "$work/tshark.out" 2>&1 &
cap_pid=$!
for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.out" 2>/dev/null && break; sleep 0.1; done
"$shared/strongswan-peer.sh" start "$RIGHT_NS" "$work/right" >/dev/null
"$shared/strongswan-peer.sh" start "$LEFT_NS" "$work/left" >/dev/null
"$shared/strongswan-peer.sh" initiate "$LEFT_NS" net >/dev/null
sleep 0.3
"$shared/strongswan-peer.sh" swanctl "$LEFT_NS" --rekey --ike petrel >/dev/null
sleep 0.5
kill "$cap_pid"; wait "$cap_pid" 2>/dev/null || true; cap_pid=""
cp "$work/capture.pcap" "$out/capture.pcap"
cp "$INTEROP_RUN/$LEFT_NS/charon.log" "$out/left.log"
cp "$INTEROP_RUN/$RIGHT_NS/charon.log" "$out/right.log"
{
  version="strongSwan $(dpkg-query -W -f '${Version}' charon-systemd 2>/dev/null)"
  echo "# strongswan-ike-capture.sh $proposal $esp: what the initiator's charon ($version) printed at log level 4"
  sed -n 's/^ *secret = "\(.*\)"$/psk = \1/p' "$work/left/swanctl.conf"
  perl -ne '
    BEGIN {
      %name = ("shared Diffie Hellman secret" => "g_ir", "SKEYSEED" => "SKEYSEED",
               map({ ("Sk_$_ secret" => "SK_$_") } qw(d ai ar ei er pi pr)),
               map({ my ($k, $r) = split / /; ("$k $r key" => "child.${k}_$r") }
                   "encryption initiator", "encryption responder", "integrity initiator", "integrity responder"));
    }
    if (/\] <[^>]*> (.+?) => (\d+) bytes @/ && $name{$1}) { ($label, $left, $hex) = ($name{$1}, $2, ""); next }
    if ($left && /\] <[^>]*>\s+\d+: ((?:[0-9A-F]{2} ){1,16})/) {
      my @octets = split " ", $1;
      $hex .= lc join "", @octets;
      $left -= @octets;
      printf "%s.%d = %s\n", $label, ++$seen{$label}, $hex if $left == 0;
      next;
    }
    $left = 0;
  ' "$out/left.log"
} > "$out/keys.properties"
echo "strongswan-ike-capture: $proposal ($esp) -> $out"
