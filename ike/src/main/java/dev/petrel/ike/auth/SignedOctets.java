package dev.petrel.ike.auth;

import dev.petrel.crypto.prf.Prf;
import java.nio.ByteBuffer;

/**
 * The octets each side's AUTH payload covers (RFC 7296 §2.15):
 * <pre>
 * InitiatorSignedOctets = RealMessage1 | NonceRData | prf(SK_pi, RestOfInitIDPayload)
 * ResponderSignedOctets = RealMessage2 | NonceIData | prf(SK_pr, RestOfRespIDPayload)
 * </pre>
 * RealMessage1 and 2 are the IKE_SA_INIT request and response as sent, from the first octet of the IKE header to
 * the end (no non-ESP marker); RestOf*IDPayload is the ID payload body after its generic header.
 */
public final class SignedOctets {
    private SignedOctets() {}

    /**
     * The signed octets of one side.
     *
     * @param firstMessage the side's own IKE_SA_INIT message (the request for the initiator, the response for the
     *     responder)
     * @param peerNonce the other side's Nonce Data (Nr for the initiator, Ni for the responder)
     * @param prf the IKE SA's PRF
     * @param skP the side's SK_pi or SK_pr
     * @param idPayloadBody the side's ID payload body: ID Type, 3 reserved octets, Identification Data
     */
    public static byte[] of(byte[] firstMessage, byte[] peerNonce, Prf prf, byte[] skP, byte[] idPayloadBody) {
        byte[] macedId = prf.compute(skP, idPayloadBody);
        return ByteBuffer.allocate(firstMessage.length + peerNonce.length + macedId.length)
                .put(firstMessage).put(peerNonce).put(macedId).array();
    }
}
