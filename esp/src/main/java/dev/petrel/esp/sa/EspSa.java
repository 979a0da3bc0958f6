package dev.petrel.esp.sa;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.esp.suite.EspSuite;
import dev.petrel.wire.iana.IntegrityAlgorithm;

/**
 * What both directions of an ESP SA hold beyond {@link AbstractSa}: the keyed suite, the SA's addresses and a reused
 * IP layout cursor.
 */
public abstract sealed class EspSa extends AbstractSa permits InboundSa, OutboundSa {
    final EspSuite suite;
    final IpLayout layout = new IpLayout();
    final byte[] localAddress;
    final byte[] remoteAddress;

    /** Builds the suite from the keys, then wipes the key arrays, which the SA takes over from the caller. */
    EspSa(SaParameters parameters, byte[] encryptionKey, byte[] integrityKey, boolean inbound) {
        EspSuite keyed;
        try {
            requireProtocol(parameters, SecurityProtocol.ESP); // here too, so that the keys are wiped when it fails
            keyed = EspSuite.create(parameters.encryption(), parameters.encryptionKeyBits(), parameters.integrity(),
                    parameters.extendedSequenceNumbers(), encryptionKey, integrityKey);
        } finally {
            KeyMaterial.wipe(encryptionKey);
            KeyMaterial.wipe(integrityKey);
        }
        super(parameters, SecurityProtocol.ESP, inbound);
        this.suite = keyed;
        this.localAddress = parameters.localAddress().getAddress();
        this.remoteAddress = parameters.remoteAddress().getAddress();
    }

    @Override
    protected final void wipeKeys() {
        suite.destroy();
    }

    @Override
    protected final String describeTransforms() {
        SaParameters p = parameters;
        return p.encryption() + (p.encryptionKeyBits() == 0 ? "" : "-" + p.encryptionKeyBits())
                + (p.integrity() == IntegrityAlgorithm.NONE ? "" : "/" + p.integrity());
    }
}
