package dev.petrel.esp.ah;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.esp.sa.AbstractSa;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SecurityProtocol;

/**
 * What both directions of an AH SA hold: what every SA holds ({@link AbstractSa}), and the keying of the SA's
 * integrity transform. An SA is driven by one thread at a time.
 */
public abstract sealed class AhSa extends AbstractSa permits AhInboundSa, AhOutboundSa {

    AhSa(SaParameters parameters, boolean inbound) {
        super(parameters, SecurityProtocol.AH, inbound);
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
    protected final String describeTransforms() {
        return String.valueOf(parameters.integrity());
    }
}
