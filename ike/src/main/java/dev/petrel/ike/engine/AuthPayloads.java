package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.ike.auth.SharedKeyAuth;
import dev.petrel.ike.auth.SignedOctets;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.wire.ike.AuthMethod;
import dev.petrel.wire.ike.AuthenticationPayload;
import dev.petrel.wire.ike.IdentificationPayload;
import dev.petrel.wire.ike.PayloadChain;

/**
 * The AUTH payloads of IKE_AUTH (RFC 7296 §2.15): each side signs its own IKE_SA_INIT message, the peer's nonce and
 * prf(SK_p, its ID). Pre-shared keys today; certificates and EAP add cases to {@code dev.petrel.ike.config.Authentication}.
 */
final class AuthPayloads {
    private AuthPayloads() {}

    /** Our AUTH payload over our ID payload. */
    static AuthenticationPayload sign(IkeSa sa, IdentificationPayload ourId) {
        byte[] octets = octets(sa, sa.initiator, ourId);
        PreSharedKey psk = (PreSharedKey) sa.config.localAuth();
        byte[] secret = psk.secret();
        try {
            return new AuthenticationPayload(AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE.value(),
                    SharedKeyAuth.compute(sa.suite.prf(), secret, octets));
        } finally {
            KeyMaterial.wipe(secret);
        }
    }

    /** Checks the peer's AUTH payload against the connection's remote authentication; a reason when it fails. */
    static String verify(IkeSa sa, IdentificationPayload peerId, AuthenticationPayload auth) {
        if (!(sa.config.remoteAuth() instanceof PreSharedKey psk)) {
            return "the connection expects no pre-shared key";
        }
        if (auth.method() != AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE.value()) {
            return "the peer authenticated with method " + auth.method() + ", the connection expects a pre-shared key";
        }
        byte[] octets = octets(sa, !sa.initiator, peerId);
        byte[] secret = psk.secret();
        try {
            return SharedKeyAuth.verify(sa.suite.prf(), secret, octets, auth.data()) ? null
                    : "the peer's AUTH does not verify with the pre-shared key (wrong key?)";
        } finally {
            KeyMaterial.wipe(secret);
        }
    }

    /** InitiatorSignedOctets or ResponderSignedOctets (§2.15). */
    private static byte[] octets(IkeSa sa, boolean ofInitiator, IdentificationPayload id) {
        Prf prf = sa.suite.prf();
        return ofInitiator
                ? SignedOctets.of(sa.initRequest, sa.nonceR, prf, sa.keys.skPi(), PayloadChain.body(id))
                : SignedOctets.of(sa.initResponse, sa.nonceI, prf, sa.keys.skPr(), PayloadChain.body(id));
    }
}
