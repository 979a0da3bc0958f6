package dev.petrel.esp.ah;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** The AH mode of an SA (RFC 4301 §4.1): transport, or tunnel between two gateway addresses. */
public sealed interface AhMode {
    /** AH goes inside the packet's own IP header (RFC 4302 §3.1.1). */
    Transport TRANSPORT = new Transport();

    record Transport() implements AhMode {}

    /**
     * A new outer IP header from {@code local} to {@code remote} (4 or 16 octets each, one family) carries AH and the
     * whole original packet (RFC 4302 §3.1.2).
     *
     * @param copyDscp copy the inner packet's DSCP to the outer header (RFC 4301 §5.1.2.1), else send DSCP 0
     */
    record Tunnel(byte[] local, byte[] remote, boolean copyDscp) implements AhMode {
        public Tunnel {
            if (local.length != remote.length || (local.length != 4 && local.length != 16)) {
                throw new IllegalArgumentException("tunnel endpoints must both be IPv4 or both IPv6 addresses");
            }
            local = local.clone();
            remote = remote.clone();
        }

        @Override
        public byte[] local() {
            return local.clone();
        }

        @Override
        public byte[] remote() {
            return remote.clone();
        }

        public boolean isIpv6() {
            return local.length == 16;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tunnel t && Arrays.equals(local, t.local) && Arrays.equals(remote, t.remote) && copyDscp == t.copyDscp;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(local) + Arrays.hashCode(remote)) + Boolean.hashCode(copyDscp);
        }

        @Override
        public String toString() {
            return "Tunnel[" + format(local) + " -> " + format(remote) + (copyDscp ? ", copy DSCP" : "") + "]";
        }

        private static String format(byte[] address) {
            try {
                return InetAddress.getByAddress(address).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // unreachable: the length was checked
            }
        }
    }
}
