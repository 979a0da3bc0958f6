package dev.petrel.gateway.dataplane;

import dev.petrel.esp.result.ProcessResult;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The inbound packet path (RFC 4301 §5.2): a datagram from the outer side; on the NAT-T port IKE goes to the
 * control plane and keepalives are counted (RFC 3948 §2.2); ESP or AH is looked up by SPI, given back an outer
 * IP header if it came without one, unprotected by its SA (replay, ICV, selectors) and delivered inside.
 * Confined to the inbound worker, like the table of inbound SAs it owns.
 */
final class InboundPath {
    private static final System.Logger LOG = System.getLogger(InboundPath.class.getName());
    private static final int SPI_LENGTH = 4;

    private final SpiTable<InboundChild> sas = new SpiTable<>();
    private final InnerPort inner;
    private final IkeLink ike;
    private final DataPlaneCounters counters;
    private final ProcessResult result = new ProcessResult();
    private final MssClamp clamp = new MssClamp();

    InboundPath(InnerPort inner, IkeLink ike, DataPlaneCounters counters) {
        this.inner = inner;
        this.ike = ike;
        this.counters = counters;
    }

    void add(int spi, InboundChild child) {
        sas.put(spi, child);
    }

    /** Removes and destroys the SA of {@code spi}. */
    void remove(int spi) {
        InboundChild child = sas.remove(spi);
        if (child != null) {
            child.sa().destroy();
        }
    }

    void destroyAll() {
        for (InboundChild child : sas.values()) {
            child.sa().destroy();
        }
    }

    /** Handles the datagram {@code buf[off, off+arrival.length())}; the buffer has at least 40 octets of room before it. */
    void process(byte[] buf, int off, Arrival arrival) {
        int len = arrival.length();
        int protocol = arrival.protocol();
        if (arrival.kind() == Arrival.Kind.IKE_UDP) {
            ike.ikeDatagram(arrival.local(), arrival.source(), Arrays.copyOfRange(buf, off, off + len));
            return;
        }
        if (arrival.kind() == Arrival.Kind.NAT_T_UDP) {
            switch (NonEspMarker.classify(buf, off, len)) {
                case IKE -> {
                    ike.ikeDatagram(arrival.local(), arrival.source(), Arrays.copyOfRange(buf, off + NonEspMarker.LENGTH, off + len));
                    return;
                }
                case KEEPALIVE -> {
                    counters.keepalivesReceived.increment();
                    return;
                }
                case MALFORMED -> {
                    counters.malformed.increment();
                    return;
                }
                case ESP -> protocol = IpProtocol.ESP;
            }
        }
        int header = 0; // a real IPv4 header in front, which the SA checks as it arrived
        if (arrival.kind() == Arrival.Kind.RAW_IPV4) {
            if (len < Ipv4Header.MIN_LENGTH || IpPacket.version(buf, off, len) != 4) {
                counters.malformed.increment();
                return;
            }
            header = Ipv4Header.headerLength(buf, off);
        }
        unprotect(buf, off, header, len, protocol, arrival);
    }

    private void unprotect(byte[] buf, int off, int header, int len, int protocol, Arrival arrival) {
        int spiOffset = off + header + (protocol == IpProtocol.AH ? SPI_LENGTH : 0); // AH: next header, length, reserved, SPI
        if (spiOffset + SPI_LENGTH > off + len) {
            counters.malformed.increment();
            return;
        }
        int spi = (int) IpPacket.u32(buf, spiOffset);
        InboundChild child = sas.get(spi);
        if (child == null || child.protocol() != protocol) {
            counters.unknownSpi.increment();
            InetSocketAddress source = arrival.source();
            ike.unknownSpi(source.getAddress(), spi);
            return;
        }
        int packet = header > 0 ? off : OuterHeader.prepend(buf, off, len, child.remoteAddress(), child.localAddress(), protocol);
        boolean delivered = child.sa().decapsulate(buf, packet, off + len - packet, result);
        if (result.lifetimeEvent() != null) {
            child.lifetime().raise(result.lifetimeEvent()); // a dropped packet can reach a limit too
        }
        if (!delivered) {
            return; // counted by the SA under the reason
        }
        int mss = IpPacket.version(buf, result.offset(), result.length()) == 6 ? child.mss6() : child.mss4();
        if (mss > 0) {
            clamp.clamp(buf, result.offset(), result.length(), mss);
        }
        try {
            inner.deliver(buf, result.offset(), result.length());
        } catch (IOException e) {
            counters.ioErrors.increment();
            LOG.log(Level.DEBUG, "delivering an inner packet failed: {0}", e.getMessage());
        }
    }
}
