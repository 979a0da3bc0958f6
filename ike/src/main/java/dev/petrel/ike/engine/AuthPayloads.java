package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.auth.PeerCertificates;
import dev.petrel.ike.auth.SharedKeyAuth;
import dev.petrel.ike.auth.SignatureAuth;
import dev.petrel.ike.auth.SignedOctets;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.AuthMethod;
import dev.petrel.wire.ike.AuthenticationPayload;
import dev.petrel.wire.ike.IdentificationPayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.PayloadChain;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The AUTH payloads of IKE_AUTH (RFC 7296 §2.15): each side signs its own IKE_SA_INIT message, the peer's nonce and
 * prf(SK_p, its ID), with the pre-shared key or with its private key ({@link SignatureAuth}); a peer that
 * authenticates by certificate is checked first through its CERT payloads ({@link PeerCertificates}).
 */
final class AuthPayloads {
    private AuthPayloads() {}

    /** Our AUTH payload over our ID payload. */
    static AuthenticationPayload sign(IkeSa sa, IdentificationPayload ourId) throws AuthenticationException {
        byte[] octets = octets(sa, sa.initiator, ourId);
        return switch (sa.config.localAuth()) {
            case PreSharedKey psk -> {
                byte[] secret = psk.secret();
                try {
                    yield new AuthenticationPayload(AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE.value(),
                            SharedKeyAuth.compute(sa.suite.prf(), secret, octets));
                } finally {
                    KeyMaterial.wipe(secret);
                }
            }
            case CertificateAuth certificate -> SignatureAuth.sign(certificate, sa.peerSignatureHashes, octets);
            case EapCredentials eap -> throw new AuthenticationException("EAP is not supported yet");
        };
    }

    /**
     * Checks the peer's AUTH payload, and its certificates when the connection wants them, against the connection's
     * remote authentication at {@code now}; a reason when it fails, naming the check.
     */
    static String verify(IkeSa sa, IkeMessage message, IdentificationPayload peerId, Identity peer,
            AuthenticationPayload auth, Instant now) {
        byte[] octets = octets(sa, !sa.initiator, peerId);
        try {
            switch (sa.config.remoteAuth()) {
                case PreSharedKey psk -> verify(sa, psk, auth, octets);
                case TrustAnchors anchors -> {
                    X509Certificate certificate = PeerCertificates.check(CertificatePayloads.received(message), anchors,
                            peer, now);
                    SignatureAuth.verify(certificate, auth, octets);
                }
                case EapPolicy eap -> throw new AuthenticationException("EAP is not supported yet");
            }
            return null;
        } catch (AuthenticationException e) {
            return e.getMessage();
        }
    }

    private static void verify(IkeSa sa, PreSharedKey psk, AuthenticationPayload auth, byte[] octets)
            throws AuthenticationException {
        if (auth.method() != AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE.value()) {
            throw new AuthenticationException("the peer authenticated with " + IanaValue.byValue(AuthMethod.class,
                    auth.method()).map(Enum::name).orElse("Auth Method " + auth.method())
                    + ", the connection expects a pre-shared key");
        }
        byte[] secret = psk.secret();
        try {
            if (!SharedKeyAuth.verify(sa.suite.prf(), secret, octets, auth.data())) {
                throw new AuthenticationException("the peer's AUTH does not verify with the pre-shared key (wrong key?)");
            }
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
