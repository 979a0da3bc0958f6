package dev.petrel.gateway.dataplane;

import dev.petrel.esp.packet.SelectorParser;
import dev.petrel.esp.policy.PacketSelector;
import dev.petrel.esp.policy.PolicyAction;
import dev.petrel.esp.policy.SecurityPolicy;
import dev.petrel.esp.policy.Spd;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.Mode;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The outbound packet path (RFC 4301 §5.1): an inner packet, the SPD's first matching policy, MTU check and MSS
 * clamp, the outbound SA, then the protected packet to the peer without its outer IP header (the socket adds one).
 * Confined to the outbound worker, which owns the buffer; the SPD is read lock-free and changed from any thread.
 */
final class OutboundPath {
    private static final System.Logger LOG = System.getLogger(OutboundPath.class.getName());
    private static final byte[] KEEPALIVE = {(byte) 0xff};

    private final Spd<Protection> spd;
    private final OuterPort outer;
    private final InnerPort inner;
    private final IkeLink ike;
    private final DataPlaneCounters counters;
    private final SelectorParser parser = new SelectorParser();
    private final PacketSelector selector = new PacketSelector();
    private final ProcessResult result = new ProcessResult();
    private final MssClamp clamp = new MssClamp();
    private final PacketTooBig tooBig = new PacketTooBig();
    private final byte[] icmp = new byte[PacketTooBig.IPV6_MINIMUM_MTU];
    private int nextIdentification = 1;

    OutboundPath(Spd<Protection> spd, OuterPort outer, InnerPort inner, IkeLink ike, DataPlaneCounters counters) {
        this.spd = spd;
        this.outer = outer;
        this.inner = inner;
        this.ike = ike;
        this.counters = counters;
    }

    /** Protects and sends the inner packet {@code buf[off, off+len)}; the buffer has room on both sides. */
    void process(byte[] buf, int off, int len, long now) {
        if (!parser.parse(buf, off, len, selector)) {
            counters.malformed.increment();
            return;
        }
        SecurityPolicy<Protection> policy = spd.lookupOutbound(selector);
        if (policy.action() != PolicyAction.PROTECT) {
            counters.noPolicy.increment();
            return;
        }
        if (!(policy.protection() instanceof OutboundChild child)) {
            hold((Trap) policy.protection(), buf, off, len, now);
            return;
        }
        if (len > child.maxPacket && answerTooBig(buf, off, len, child)) {
            return;
        }
        int mss = selector.isIpv6() ? child.mss6 : child.mss4;
        if (mss > 0) {
            clamp.clamp(buf, off, len, mss);
        }
        boolean ahOverIpv4 = child.protocol == IpProtocol.AH && child.peer.getAddress().length == 4;
        if (ahOverIpv4 && child.sa.parameters().mode() == Mode.TRANSPORT && Ipv4Header.identification(buf, off) == 0) {
            // AH's ICV covers the identification (RFC 4302 §3.3.3.1.1.1); a raw socket would choose one for a zero
            Ipv4Header.setIdentification(buf, off, nextIdentification++ & 0xffff | 1);
            Ipv4Header.updateChecksum(buf, off);
        }
        boolean protectedOk = child.sa.encapsulate(buf, off, len, result);
        if (result.lifetimeEvent() != null) {
            child.lifetime.raise(result.lifetimeEvent()); // a refused packet can reach a limit too
        }
        if (!protectedOk) {
            return; // counted by the SA under the reason
        }
        int packet = result.offset();
        int header = ahOverIpv4 ? 0 : outerHeaderLength(buf, packet, result.length(), child.protocol);
        if (header < 0) {
            counters.malformed.increment();
            return;
        }
        send(child, buf, packet + header, result.length() - header, now);
    }

    /**
     * A packet for a trap: held (a copy, with room around it) while the CHILD_SA is negotiated, and an acquire unless
     * one went out within the last second.
     */
    private void hold(Trap trap, byte[] buf, int off, int len, long now) {
        if (trap.held.size() < Trap.HELD) {
            byte[] copy = new byte[DataPlane.HEADROOM + len + DataPlane.TAILROOM];
            System.arraycopy(buf, off, copy, DataPlane.HEADROOM, len);
            trap.held.add(copy);
            counters.held.increment();
        } else {
            counters.heldDropped.increment();
        }
        if (now - trap.nextAcquire >= 0) {
            trap.nextAcquire = now + Trap.ACQUIRE_INTERVAL_NANOS;
            ike.acquire(trap.connection, trap.child);
        }
    }

    /**
     * Sends what {@code trap} held through the SPD again, now that a CHILD_SA's policy ranks above it; what still meets
     * a trap is held again.
     */
    void release(Trap trap, long now) {
        for (int n = trap.held.size(); n > 0; n--) {
            byte[] packet = trap.held.poll();
            process(packet, DataPlane.HEADROOM, packet.length - DataPlane.HEADROOM - DataPlane.TAILROOM, now);
        }
        flush();
    }

    /** RFC 3948 §4: a one-octet 0xFF datagram keeps the NAT mapping of an encapsulating peer open. */
    void keepalive(OutboundChild child, long now) {
        send(child, KEEPALIVE, 0, 1, now);
        counters.keepalivesSent.increment();
    }

    /** Sends what the last packets queued: the end of a burst. */
    void flush() {
        try {
            outer.flush();
        } catch (IOException e) {
            counters.ioErrors.increment();
            LOG.log(Level.DEBUG, "sending a burst failed: {0}", e.getMessage());
        }
    }

    private void send(OutboundChild child, byte[] buf, int off, int len, long now) {
        try {
            if (child.udpPeer != null) {
                outer.queueUdp(child.local, child.udpPeer, buf, off, len);
            } else {
                outer.queueRaw(child.local, child.peer, child.protocol, buf, off, len);
            }
            child.lastSent = now;
        } catch (IOException e) {
            counters.ioErrors.increment();
            LOG.log(Level.DEBUG, "sending to {0} failed: {1}", child.peer, e.getMessage());
        }
    }

    /** Answers a packet too big for the tunnel with ICMP; false when it may go on and be fragmented outside instead. */
    private boolean answerTooBig(byte[] buf, int off, int len, OutboundChild child) {
        int n = tooBig.answer(buf, off, len, child.maxPacket, icmp);
        if (n == 0) {
            return false;
        }
        counters.tooBig.increment();
        try {
            inner.write(icmp, 0, n);
        } catch (IOException e) {
            counters.ioErrors.increment();
        }
        return true;
    }

    /**
     * The IP header in front of ESP or AH, which the socket writes anew; -1 when IPv6 extension headers stand between
     * them (transport mode), which a raw socket cannot carry.
     */
    private static int outerHeaderLength(byte[] buf, int off, int len, int protocol) {
        if (IpPacket.version(buf, off, len) == 4) {
            return (buf[off] & 0x0f) * 4;
        }
        return Ipv6Header.nextHeader(buf, off) == protocol ? Ipv6Header.LENGTH : -1;
    }
}
