package dev.petrel.esp.sa;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.esp.lifetime.LifetimeTracker;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.suite.EspSuite;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * What both directions of an ESP SA hold: the parameters, the keyed suite, counters, lifetime state and a reused
 * IP layout cursor. An SA is driven by one thread at a time (DESIGN.md: one SA's packets stay in order).
 */
public abstract sealed class EspSa implements SecurityAssociation permits InboundSa, OutboundSa {
    final SaParameters parameters;
    final EspSuite suite;
    final SaCounters counters = new SaCounters();
    final LifetimeTracker lifetime;
    final IpLayout layout = new IpLayout();
    final byte[] localAddress;
    final byte[] remoteAddress;
    private final byte[] destination;
    private final boolean inbound;
    private boolean destroyed;

    /** Builds the suite from the keys, then wipes the key arrays, which the SA takes over from the caller. */
    EspSa(SaParameters parameters, byte[] encryptionKey, byte[] integrityKey, boolean inbound) {
        try {
            if (parameters.protocol() != SecurityProtocol.ESP) {
                throw new IllegalArgumentException("an ESP SA cannot process " + parameters.protocol());
            }
            this.parameters = parameters;
            this.suite = EspSuite.create(parameters.encryption(), parameters.encryptionKeyBits(), parameters.integrity(),
                    parameters.extendedSequenceNumbers(), encryptionKey, integrityKey);
        } finally {
            KeyMaterial.wipe(encryptionKey);
            KeyMaterial.wipe(integrityKey);
        }
        this.lifetime = new LifetimeTracker(parameters.lifetime());
        this.localAddress = parameters.localAddress().getAddress();
        this.remoteAddress = parameters.remoteAddress().getAddress();
        this.inbound = inbound;
        this.destination = inbound ? localAddress : remoteAddress;
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
            suite.destroy();
        }
    }

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
        return getClass().getSimpleName() + "[spi=0x" + String.format("%08x", p.spi()) + ", " + p.protocol() + " " + p.mode()
                + ", " + p.encryption() + (p.encryptionKeyBits() == 0 ? "" : "-" + p.encryptionKeyBits())
                + (p.integrity() == dev.petrel.wire.iana.IntegrityAlgorithm.NONE ? "" : "/" + p.integrity())
                + (p.extendedSequenceNumbers() ? ", ESN" : "") + ", " + p.localAddress().getHostAddress() + " <-> "
                + p.remoteAddress().getHostAddress() + (destroyed ? ", destroyed" : "") + ", " + counters + "]";
    }
}
