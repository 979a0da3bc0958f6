package dev.petrel.ike.testing;

import dev.petrel.ike.keys.IkeSaKeys;
import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.protect.SkProtection;

/**
 * An IKE SA of a {@link StrongSwanRun} as Petrel derives it: the nonces and SPIs that keyed it, its keys, and the
 * SK protection of each side (the initiator's seals with SK_ei/SK_ai, the responder's with SK_er/SK_ar).
 */
public record KeyedSa(byte[] ni, byte[] nr, long spiI, long spiR, IkeSaKeys keys, SkProtection initiator,
                      SkProtection responder) {

    static KeyedSa of(IkeSuite suite, byte[] ni, byte[] nr, long spiI, long spiR, IkeSaKeys k) {
        return new KeyedSa(ni, nr, spiI, spiR, k,
                SkProtection.create(suite, k.skEi(), k.skAi(), k.skEr(), k.skAr(), SeededRandom.of(1)),
                SkProtection.create(suite, k.skEr(), k.skAr(), k.skEi(), k.skAi(), SeededRandom.of(2)));
    }

    /** True when {@code message}'s IKE header names this SA. */
    public boolean carries(byte[] message) {
        return IkePayloads.spiI(message) == spiI && IkePayloads.spiR(message) == spiR;
    }

    /** The side that receives {@code message}: the responder for the original initiator's messages. */
    public SkProtection receiverOf(byte[] message) {
        boolean fromInitiator = (message[19] & 0x08) != 0; // the Initiator flag, RFC 7296 §3.1
        return fromInitiator ? responder : initiator;
    }
}
