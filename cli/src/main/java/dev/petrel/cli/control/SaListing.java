package dev.petrel.cli.control;

import dev.petrel.gateway.control.Algorithms;
import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.IkeSaState;
import dev.petrel.gateway.control.IkeSaStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * IKE SAs and their CHILD_SAs in the layout of {@code swanctl --list-sas}, so that eyes and scripts used to
 * strongSwan's listing read this one too:
 * <pre>
 * home: #1, ESTABLISHED, IKEv2, 6fd55d95f66b4a67_i* cea64d4a303e0ca2_r
 *   local  'moon.example.org' @ 192.0.2.1[4500]
 *   remote 'sun.example.org' @ 192.0.2.2[4500]
 *   AES_GCM_16-256/PRF_HMAC_SHA2_256/CURVE_25519
 *   established 42s ago
 *   net: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-128
 *     installed 41s ago
 *     in  c8931e89,     84 bytes,     1 packets
 *     out cee78125,    168 bytes,     2 packets
 *     local  198.51.100.0/24
 *     remote 203.0.113.0/24
 * </pre>
 * The {@code *} marks the SPI this side chose as initiator or responder.
 */
public final class SaListing {
    private SaListing() { }

    public static void print(List<IkeSaStatus> sas, PrintWriter out) {
        for (IkeSaStatus sa : sas) {
            out.printf("%s: #%d, %s, IKEv2, %s_i%s %s_r%s%n", sa.connection(), sa.uniqueId(), sa.state(),
                    sa.initiatorSpi(), sa.initiator() ? "*" : "", sa.responderSpi(), sa.initiator() ? "" : "*");
            out.printf("  local  '%s' @ %s[%d]%s%n", sa.localId(), sa.localHost(), sa.localPort(), vips(sa.localVirtualIps()));
            out.printf("  remote '%s' @ %s[%d]%s%s%n", sa.remoteId(), sa.remoteHost(), sa.remotePort(),
                    sa.remoteEapId().isEmpty() ? "" : " EAP: '" + sa.remoteEapId() + "'", vips(sa.remoteVirtualIps()));
            if (!sa.algorithms().encryption().isEmpty()) {
                out.printf("  %s%n", transforms(sa.algorithms()));
            }
            if (sa.state() != IkeSaState.CONNECTING) {
                out.printf("  established %ds ago%n", sa.establishedSeconds());
            }
            sa.children().forEach(child -> printChild(child, out));
        }
    }

    /** Virtual IPs as swanctl shows them after the address: {@code  [10.3.0.1]}. */
    private static String vips(List<String> addresses) {
        return addresses.isEmpty() ? "" : " [" + String.join(" ", addresses) + "]";
    }

    private static void printChild(ChildSaStatus child, PrintWriter out) {
        out.printf("  %s: #%d, reqid %d, %s, %s%s, %s:%s%s%n", child.name(), child.uniqueId(), child.reqid(),
                child.state(), child.mode(), child.udpEncap() ? "-in-UDP" : "", child.protocol(),
                transforms(child.algorithms()), child.esn() ? "/ESN" : "");
        out.printf("    installed %ds ago%n", child.installedSeconds());
        out.printf("    in  %s, %6d bytes, %5d packets%n", child.spiIn(), child.bytesIn(), child.packetsIn());
        out.printf("    out %s, %6d bytes, %5d packets%n", child.spiOut(), child.bytesOut(), child.packetsOut());
        out.printf("    local  %s%n", String.join(" ", child.localTs()));
        out.printf("    remote %s%n", String.join(" ", child.remoteTs()));
    }

    /** {@code AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/CURVE_25519}: the negotiated ones, in that order. */
    private static String transforms(Algorithms a) {
        String encryption = a.keySize() > 0 ? a.encryption() + "-" + a.keySize() : a.encryption();
        return Stream.of(encryption, a.integrity(), a.prf(), a.keyExchange())
                .filter(name -> !name.isEmpty())
                .collect(Collectors.joining("/"));
    }
}
