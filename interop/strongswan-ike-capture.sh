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
# Namespaces are private to this script (see strongswan-capture-lib.sh for the names) and removed on exit. PLUGINS
# passes through to strongswan-peer.sh: AES-XCBC proposals need its list with xcbc added.
set -euo pipefail
out=${1:?usage: strongswan-ike-capture.sh OUTDIR IKE_PROPOSAL [ESP_PROPOSAL]}
proposal=${2:?IKE proposal missing, e.g. aes128gcm16-prfsha256-x25519}
esp=${3:-aes128gcm16}
. "$(dirname "$(readlink -f "$0")")/strongswan-capture-lib.sh" pk
mkdir -p "$out"
capture_up "s/^\(    proposals = \).*/\1$proposal/; s/esp_proposals = .*/esp_proposals = $esp/" 'udp port 500 or udp port 4500'
"$shared/strongswan-peer.sh" initiate "$LEFT_NS" net >/dev/null
sleep 0.3
"$shared/strongswan-peer.sh" swanctl "$LEFT_NS" --rekey --ike petrel >/dev/null
sleep 0.5
capture_down
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
