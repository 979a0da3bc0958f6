package dev.petrel.esp.ah;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.esp.lifetime.LifetimeTracker;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SaCounters;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SecurityAssociation;
import dev.petrel.esp.sa.SecurityProtocol;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * What both directions of an AH SA hold: the parameters, counters, lifetime state and the destination address, as
 * {@code EspSa} does for ESP. An SA is driven by one thread at a time.
 */
public abstract sealed class AhSa implements SecurityAssociation permits AhInboundSa, AhOutboundSa {
    final SaParameters parameters;
    final SaCounters counters = new SaCounters();
    final LifetimeTracker lifetime;
    private final byte[] destination;
    private final boolean inbound;
    private boolean destroyed;

    AhSa(SaParameters parameters, boolean inbound) {
        if (parameters.protocol() != SecurityProtocol.AH) {
            throw new IllegalArgumentException("an AH SA cannot process " + parameters.protocol());
        }
        this.parameters = parameters;
        this.lifetime = new LifetimeTracker(parameters.lifetime());
        this.inbound = inbound;
        this.destination = (inbound ? parameters.localAddress() : parameters.remoteAddress()).getAddress();
    }

    /** Keys the SA's integrity transform, then wipes {@code key}, which the SA takes over from the caller. */
    static Integrity integrity(SaParameters parameters, byte[] key) {
        try {
            return Transforms.integrity(parameters.integrity(), key);
        } finally {
            KeyMaterial.wipe(key);
        }
    }

    /** The AH mode of the parameters: tunnel mode between the SA's addresses, local first. */
    static AhMode mode(SaParameters parameters) {
        return parameters.mode() == Mode.TRANSPORT ? AhMode.TRANSPORT
                : new AhMode.Tunnel(parameters.localAddress().getAddress(), parameters.remoteAddress().getAddress(), parameters.copyDscp());
    }

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
            wipe();
        }
    }

    /** Wipes the direction's integrity key. */
    abstract void wipe();

    @Override
    public final boolean isDestroyed() {
        return destroyed;
    }

    /** True when the SA may process a packet; else records SA_EXPIRED. */
    final boolean usable(ProcessResult out) {
        return !destroyed && !lifetime.expired() || drop(out, DropReason.SA_EXPIRED);
    }

    /** Counts and records a drop; returns false. */
    final boolean drop(ProcessResult out, DropReason reason) {
        counters.countDrop(reason);
        return out.drop(reason);
    }

    @Override
    public final String toString() {
        SaParameters p = parameters;
        return getClass().getSimpleName() + "[spi=0x" + String.format("%08x", p.spi()) + ", AH " + p.mode() + ", " + p.integrity()
                + (p.extendedSequenceNumbers() ? ", ESN" : "") + ", " + p.localAddress().getHostAddress() + " <-> "
                + p.remoteAddress().getHostAddress() + (destroyed ? ", destroyed" : "") + ", " + counters + "]";
    }
}
