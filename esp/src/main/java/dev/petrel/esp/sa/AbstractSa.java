package dev.petrel.esp.sa;

import dev.petrel.esp.lifetime.LifetimeTracker;
import dev.petrel.esp.packet.Ecn;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.esp.packet.SelectorParser;
import dev.petrel.esp.policy.PacketSelector;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * What every SA holds, whatever its protocol and direction: the parameters, counters, lifetime state and destination
 * address, and the steps both ESP and AH take on every packet. Its subclasses are {@link EspSa} and
 * {@code dev.petrel.esp.ah.AhSa}, each sealed; this class cannot itself be sealed across packages outside a named
 * module. An SA is driven by one thread at a time (DESIGN.md: one SA's packets stay in order).
 */
public abstract class AbstractSa implements SecurityAssociation {
    /** For the {@code outerEcn} of {@link #deliver}: transport mode, no outer header. */
    protected static final int NO_OUTER_ECN = -1;

    protected final SaParameters parameters;
    protected final SaCounters counters = new SaCounters();
    protected final LifetimeTracker lifetime;
    private final byte[] destination;
    private final boolean inbound;
    private boolean destroyed;

    /** @throws IllegalArgumentException when {@code parameters} are for another protocol than {@code protocol} */
    protected AbstractSa(SaParameters parameters, SecurityProtocol protocol, boolean inbound) {
        requireProtocol(parameters, protocol);
        this.parameters = parameters;
        this.lifetime = new LifetimeTracker(parameters.lifetime());
        this.inbound = inbound;
        this.destination = (inbound ? parameters.localAddress() : parameters.remoteAddress()).getAddress();
    }

    /** Refuses parameters for another protocol than {@code protocol}. */
    protected static void requireProtocol(SaParameters parameters, SecurityProtocol protocol) {
        if (parameters.protocol() != protocol) {
            throw new IllegalArgumentException("an " + protocol + " SA cannot process " + parameters.protocol());
        }
    }

    /** Wipes the direction's keys; called once, by the first {@link #destroy()}. */
    protected abstract void wipeKeys();

    /** The transforms for {@link #toString()}, e.g. {@code ENCR_AES_CBC-256/AUTH_HMAC_SHA2_256_128}. */
    protected abstract String describeTransforms();

    @Override
    public final SaParameters parameters() {
        return parameters;
    }

    @Override
    public final SaCounters counters() {
        return counters;
    }

    /** True once a soft lifetime limit was reached: time to rekey. */
    public final boolean softExpired() {
        return lifetime.softExpired();
    }

    /** True once a hard lifetime limit was reached: the SA refuses packets. */
    public final boolean hardExpired() {
        return lifetime.expired();
    }

    @Override
    public final InetAddress destination() {
        return inbound ? parameters.localAddress() : parameters.remoteAddress();
    }

    @Override
    public final boolean hasDestination(byte[] address, int off, int len) {
        return len == destination.length && Arrays.equals(destination, 0, len, address, off, off + len);
    }

    @Override
    public final void destroy() {
        if (!destroyed) {
            destroyed = true;
            wipeKeys();
        }
    }

    @Override
    public final boolean isDestroyed() {
        return destroyed;
    }

    /** True when the SA may process a packet; else records SA_EXPIRED. */
    private boolean usable(ProcessResult out) {
        return !destroyed && !lifetime.expired() || drop(out, DropReason.SA_EXPIRED);
    }

    /**
     * The first inbound step: resets {@code out}; the SA must be {@link #usable} and {@code buf[off, off+len)} must
     * lie within {@code buf} (else MALFORMED).
     */
    protected final boolean admit(byte[] buf, int off, int len, ProcessResult out) {
        return admit(null, buf, off, len, out);
    }

    /**
     * The first outbound step: as {@link #admit(byte[], int, int, ProcessResult)}, and before the bounds the
     * {@code sequence} space must not be exhausted (else SEQUENCE_EXHAUSTED).
     */
    protected final boolean admit(SequenceCounter sequence, byte[] buf, int off, int len, ProcessResult out) {
        out.reset();
        if (!usable(out)) {
            return false;
        }
        if (sequence != null && sequence.exhausted()) {
            return drop(out, DropReason.SEQUENCE_EXHAUSTED);
        }
        return off >= 0 && len >= 0 && off + len <= buf.length || drop(out, DropReason.MALFORMED);
    }

    /** Counts and records a drop; returns false. */
    protected final boolean drop(ProcessResult out, DropReason reason) {
        counters.countDrop(reason);
        return out.drop(reason);
    }

    /**
     * The last inbound step (RFC 4301 §5.2 step 4): the unprotected packet that {@code parsed} has just parsed in
     * {@code buf} must lie within the SA's traffic selectors, source in the remote ones and destination in the local
     * ones. In tunnel mode the ECN field of the outer header as it arrived, {@code outerEcn} ({@link #NO_OUTER_ECN}
     * in transport mode), is then combined into it (RFC 6040 §4.2), which may change its ECN field (and IPv4
     * checksum) or drop it as {@link DropReason#ECN_CE_ON_NOT_ECT}. Last it is counted and accepted.
     * {@code selector} is the SA's own, reused for every packet.
     *
     * @return true when {@code out} locates the packet to deliver; false when {@code out} says why it was dropped
     */
    protected final boolean deliver(IpLayout parsed, PacketSelector selector, byte[] buf, int outerEcn, ProcessResult out) {
        SelectorParser.read(parsed, buf, selector);
        if (!selector.matchesAnySource(parameters.remoteSelectors()) || !selector.matchesAnyDestination(parameters.localSelectors())) {
            return drop(out, DropReason.SELECTOR_MISMATCH);
        }
        int off = parsed.offset();
        if (outerEcn != NO_OUTER_ECN && !Ecn.decapsulate(buf, off, outerEcn)) {
            return drop(out, DropReason.ECN_CE_ON_NOT_ECT);
        }
        counters.countPacket(parsed.packetLength());
        out.accept(off, parsed.packetLength());
        return true;
    }

    @Override
    public final String toString() {
        SaParameters p = parameters;
        return getClass().getSimpleName() + "[spi=0x" + String.format("%08x", p.spi()) + ", " + p.protocol() + " " + p.mode()
                + ", " + describeTransforms() + (p.extendedSequenceNumbers() ? ", ESN" : "") + ", "
                + p.localAddress().getHostAddress() + " <-> " + p.remoteAddress().getHostAddress()
                + (destroyed ? ", destroyed" : "") + ", " + counters + "]";
    }
}
