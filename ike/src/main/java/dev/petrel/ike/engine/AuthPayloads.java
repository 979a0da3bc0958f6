package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.auth.PeerCertificates;
import dev.petrel.ike.auth.SharedKeyAuth;
import dev.petrel.ike.auth.SignatureAuth;
import dev.petrel.ike.auth.SignedOctets;
import dev.petrel.ike.config.Authentication;
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
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;

/**
 * The AUTH payloads of IKE_AUTH (RFC 7296 §2.15): each side signs its own IKE_SA_INIT message, the peer's nonce and
 * prf(SK_p, its ID), with the pre-shared key or with its private key ({@link SignatureAuth}); a peer that
 * authenticates by certificate is checked first through its CERT payloads ({@link PeerCertificates}). After EAP,
 * both sides use the MSK as a pre-shared key, or SK_pi and SK_pr when the method derived none (§2.16).
 */
final class AuthPayloads {
    private AuthPayloads() {}

    /** Our AUTH payload over our ID payload, for a round that does not use EAP; a signature draws on {@code random}. */
    static AuthenticationPayload sign(IkeSa sa, Authentication.Local auth, IdentificationPayload ourId,
            SecureRandom random) throws AuthenticationException {
        byte[] octets = octets(sa, sa.initiator, ourId);
        return switch (auth) {
            case PreSharedKey psk -> {
                byte[] secret = psk.secret();
                try {
                    yield shared(sa, secret, octets);
                } finally {
                    KeyMaterial.wipe(secret);
                }
            }
            case CertificateAuth certificate -> SignatureAuth.sign(certificate, sa.peerSignatureHashes, octets,
                    random);
            case EapCredentials eap -> throw new IllegalStateException("an EAP round signs with its MSK");
        };
    }

    /** Our AUTH payload at the end of an EAP round, keyed with the MSK (null: our SK_p). */
    static AuthenticationPayload signAfterEap(IkeSa sa, byte[] msk, IdentificationPayload ourId) {
        byte[] octets = octets(sa, sa.initiator, ourId);
        byte[] key = msk != null ? msk : sa.initiator ? sa.keys.skPi() : sa.keys.skPr();
        return shared(sa, key, octets);
    }

    /**
     * What checking the peer's AUTH payload found: why it failed (null when it verified), and the groups its
     * certificate puts it in ({@link CertificateIdentity#groups}).
     */
    record Checked(String refusal, Set<String> groups) {
        static Checked refused(String why) {
            return new Checked(why, Set.of());
        }
    }

    /**
     * Checks the peer's AUTH payload, and its certificates when the round wants them, against the round's
     * authentication at {@code now}; the refusal names the check.
     */
    static Checked verify(IkeSa sa, Authentication.Remote expected, IkeMessage message, IdentificationPayload peerId,
            Identity peer, AuthenticationPayload auth, Instant now) {
        byte[] octets = octets(sa, !sa.initiator, peerId);
        try {
            return switch (expected) {
                case PreSharedKey psk -> {
                    byte[] secret = psk.secret();
                    try {
                        verifyShared(sa, secret, auth, octets, "the pre-shared key (wrong key?)");
                    } finally {
                        KeyMaterial.wipe(secret);
                    }
                    yield new Checked(null, Set.of());
                }
                case TrustAnchors anchors -> {
                    X509Certificate certificate = PeerCertificates.check(CertificatePayloads.received(message), anchors,
                            peer, now);
                    SignatureAuth.verify(certificate, auth, octets);
                    yield new Checked(null, CertificateIdentity.groups(certificate));
                }
                // only an initiator that expects EAP-only authentication (RFC 5998) gets here
                case EapPolicy eap -> throw new AuthenticationException("the responder signed AUTH; the connection "
                        + "expects it to authenticate by EAP only (RFC 5998) and has no trust anchors for it");
            };
        } catch (AuthenticationException e) {
            return Checked.refused(e.getMessage());
        }
    }

    /** Checks the peer's AUTH payload at the end of an EAP round, keyed with the MSK (null: the peer's SK_p). */
    static String verifyAfterEap(IkeSa sa, byte[] msk, IdentificationPayload peerId, AuthenticationPayload auth) {
        byte[] octets = octets(sa, !sa.initiator, peerId);
        byte[] key = msk != null ? msk : sa.initiator ? sa.keys.skPr() : sa.keys.skPi();
        try {
            verifyShared(sa, key, auth, octets, msk != null ? "the EAP MSK" : "SK_p (the EAP method derived no MSK)");
            return null;
        } catch (AuthenticationException e) {
            return e.getMessage();
        }
    }

    private static AuthenticationPayload shared(IkeSa sa, byte[] key, byte[] octets) {
        return new AuthenticationPayload(AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE.value(),
                SharedKeyAuth.compute(sa.suite.prf(), key, octets));
    }

    private static void verifyShared(IkeSa sa, byte[] key, AuthenticationPayload auth, byte[] octets, String keyName)
            throws AuthenticationException {
        if (auth.method() != AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE.value()) {
            throw new AuthenticationException("the peer authenticated with " + IanaValue.byValue(AuthMethod.class,
                    auth.method()).map(Enum::name).orElse("Auth Method " + auth.method())
                    + ", the connection expects a shared key MIC with " + keyName);
        }
        if (!SharedKeyAuth.verify(sa.suite.prf(), key, octets, auth.data())) {
            throw new AuthenticationException("the peer's AUTH does not verify with " + keyName);
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
