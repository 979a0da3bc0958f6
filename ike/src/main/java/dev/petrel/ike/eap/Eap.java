package dev.petrel.ike.eap;

import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.eap.md5.Md5ChallengePeer;
import dev.petrel.ike.eap.md5.Md5ChallengeServer;
import dev.petrel.ike.eap.mschapv2.MsChapV2Peer;
import dev.petrel.ike.eap.mschapv2.MsChapV2Server;
import dev.petrel.ike.eap.tls.EapTlsPeer;
import dev.petrel.ike.eap.tls.EapTlsServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * EAP conversations for IKE_AUTH (RFC 7296 §2.16): the authenticator's ({@link #server}) and the peer's
 * ({@link #peer}), with EAP-MD5-Challenge, EAP-MSCHAPv2 and EAP-TLS.
 */
public final class Eap {
    /** The methods Petrel runs, in the peer's order of preference when it may choose: mutual ones first. */
    private static final List<EapType> METHODS = List.of(EapType.TLS, EapType.MSCHAP_V2, EapType.MD5_CHALLENGE);

    private Eap() {}

    /**
     * The authenticator's side for {@code policy}; {@code ikeIdentity}, the peer's IKE identity as text, is its EAP
     * identity unless the policy asks for one.
     */
    public static EapServer server(EapPolicy policy, String ikeIdentity, SecureRandom random) {
        EapType method = policy.method();
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException(method.text() + " is no authentication method; Petrel's are "
                    + METHODS.stream().map(EapType::text).toList());
        }
        return new ServerConversation(policy, ikeIdentity, random, identity -> switch (method) {
            case MD5_CHALLENGE -> new Md5ChallengeServer(identity, policy.users(), random);
            case MSCHAP_V2 -> new MsChapV2Server(policy.users(), random);
            default -> new EapTlsServer(identity, policy.tlsCertificate(), policy.tlsAnchors(), random);
        });
    }

    /**
     * The peer's side with {@code credentials}; {@code ikeIdentity}, our IKE identity as text, answers EAP-Identity
     * unless the credentials name an EAP identity. The peer takes the method the credentials insist on, or any of
     * Petrel's that they serve (a password for EAP-MD5 and EAP-MSCHAPv2, a certificate and trust anchors for EAP-TLS).
     */
    public static EapPeer peer(EapCredentials credentials, String ikeIdentity, SecureRandom random) {
        List<EapType> served = served(credentials);
        EapType insisted = credentials.method();
        if (insisted != null && !served.contains(insisted)) {
            throw new IllegalArgumentException(!METHODS.contains(insisted) ? insisted.text() + " is no authentication "
                    + "method" : insisted.text() + " needs " + (insisted == EapType.TLS ? "our certificate and the trust "
                    + "anchors of the server's certificate" : "a password") + " in the EAP credentials");
        }
        String identity = credentials.identity() != null ? credentials.identity() : ikeIdentity;
        return new PeerConversation(identity, insisted != null ? List.of(insisted) : served, type -> switch (type) {
            case MD5_CHALLENGE -> new Md5ChallengePeer(credentials.password());
            case MSCHAP_V2 -> new MsChapV2Peer(identity, credentials.password(), random);
            default -> new EapTlsPeer(credentials.tlsCertificate(), credentials.tlsAnchors(), random);
        });
    }

    private static List<EapType> served(EapCredentials credentials) {
        List<EapType> served = new ArrayList<>();
        for (EapType method : METHODS) {
            if (method == EapType.TLS ? credentials.tlsCertificate() != null && credentials.tlsAnchors() != null
                    : credentials.password() != null) {
                served.add(method);
            }
        }
        return served;
    }
}
