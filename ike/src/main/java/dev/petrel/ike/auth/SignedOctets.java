package dev.petrel.ike.auth;

import dev.petrel.crypto.prf.Prf;
import java.nio.ByteBuffer;

/**
 * What an AUTH payload signs (RFC 7296 §2.15): the signer's IKE_SA_INIT message, the peer's nonce, and
 * prf(SK_px, RestOfIDPayload) where RestOfIDPayload is the signer's ID payload body (type, reserved, data).
 */
public final class SignedOctets {
    private SignedOctets() {}

    public static byte[] of(byte[] firstMessage, byte[] peerNonce, Prf prf, byte[] skP, byte[] idPayloadBody) {
        byte[] macedId = prf.compute(skP, idPayloadBody);
        return ByteBuffer.allocate(firstMessage.length + peerNonce.length + macedId.length)
                .put(firstMessage).put(peerNonce).put(macedId).array();
    }
}
