package dev.petrel.bench;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.config.Authentication;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.SendDatagram;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Two IKE engines wired back to back in memory, no sockets: the left one initiates connection {@code petrel} with
 * its CHILD_SA {@code net} (tunnel mode 198.51.100.0/24 to 203.0.113.0/24), both sides authenticating with a PSK or
 * with ECDSA P-256 certificates from one CA (made once, RFC 7427 signatures, the chain validated each time), or the
 * left one as an EAP-MSCHAPv2 user of the right one, which proves itself with its certificate (remote access, five
 * IKE_AUTH exchanges); every datagram either sends is handed to the other at once, in order.
 */
public final class EnginePair {
    /** How both sides authenticate. */
    public enum Auth {
        PSK,
        ECDSA_P256,
        EAP_MSCHAPV2
    }

    static final Endpoint LEFT = endpoint("192.0.2.1");
    static final Endpoint RIGHT = endpoint("192.0.2.2");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] PASSWORD = "petrel-bench-user-password".getBytes(StandardCharsets.US_ASCII);
    /** More datagrams than a handshake with a COOKIE and an INVALID_KE_PAYLOAD round needs. */
    private static final int MAX_DATAGRAMS = 32;

    private final IkeEngine left;
    private final IkeEngine right;
    private final Deque<SendDatagram> wire = new ArrayDeque<>();

    /** Fresh engines that agree on the IKE proposal {@code ike} and the ESP proposal {@code esp}. */
    public EnginePair(String ike, String esp, Auth auth, SecureRandom random) {
        this(initiator(ike, esp, auth, random), responder(ike, esp, auth, random));
    }

    /** The left engine initiating to the right one; either may hold IKE SAs of earlier handshakes. */
    EnginePair(IkeEngine left, IkeEngine right) {
        this.left = left;
        this.right = right;
    }

    /** A fresh left engine, the initiator. */
    static IkeEngine initiator(String ike, String esp, Auth auth, SecureRandom random) {
        return new IkeEngine(EngineSettings.DEFAULTS, List.of(config(LEFT, RIGHT, ike, esp, auth, "198.51.100.0/24",
                "203.0.113.0/24")), random);
    }

    /** A fresh right engine, the responder. */
    static IkeEngine responder(String ike, String esp, Auth auth, SecureRandom random) {
        return new IkeEngine(EngineSettings.DEFAULTS, List.of(config(RIGHT, LEFT, ike, esp, auth, "203.0.113.0/24",
                "198.51.100.0/24")), random);
    }

    /** Runs IKE_SA_INIT and IKE_AUTH with the first CHILD_SA; returns how many datagrams crossed. */
    public int handshake() {
        queue(left.initiate("petrel", "net", LEFT, RIGHT, NOW));
        int crossed = 0;
        for (; crossed < MAX_DATAGRAMS && !wire.isEmpty(); crossed++) {
            SendDatagram d = wire.poll();
            IkeEngine to = d.remote().address().equals(RIGHT.address()) ? right : left;
            queue(to.onDatagram(d.remote(), d.local(), d.message(), NOW));
        }
        return crossed;
    }

    /** Fails unless each side has exactly one IKE SA, ESTABLISHED, with one CHILD_SA. */
    public void checkEstablished() {
        check("initiator", left.sas());
        check("responder", right.sas());
    }

    private static void check(String side, List<IkeSaView> sas) {
        if (sas.size() != 1 || sas.getFirst().state() != IkeSaState.ESTABLISHED || sas.getFirst().children().size() != 1) {
            throw new IllegalStateException("the " + side + " did not establish one IKE SA with one CHILD_SA: " + sas);
        }
    }

    private void queue(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof SendDatagram d) {
                wire.add(d);
            }
        }
    }

    private static IkeConfig config(Endpoint local, Endpoint remote, String ike, String esp, Auth auth, String localNet,
            String remoteNet) {
        PreSharedKey psk = new PreSharedKey("petrel-bench-psk-0123456789".getBytes(StandardCharsets.US_ASCII));
        ChildConfig child = new ChildConfig("net", List.of(TrafficSelector.subnet(localNet)),
                List.of(TrafficSelector.subnet(remoteNet)), ProposalParser.parseList(esp, ProtocolId.ESP), Mode.TUNNEL, 64);
        boolean client = local.equals(LEFT);
        Authentication.Local localAuth = switch (auth) {
            case PSK -> psk;
            case ECDSA_P256 -> Certificates.auth(client);
            case EAP_MSCHAPV2 -> client ? new EapCredentials(EapType.MSCHAP_V2, null, PASSWORD, null, null)
                    : Certificates.auth(false);
        };
        Authentication.Remote remoteAuth = switch (auth) {
            case PSK -> psk;
            case ECDSA_P256 -> Certificates.TRUST;
            case EAP_MSCHAPV2 -> client ? Certificates.TRUST : new EapPolicy(EapType.MSCHAP_V2, true,
                    user -> user.equals(name(LEFT)) ? PASSWORD.clone() : null, null, null);
        };
        return new IkeConfig("petrel", local.address(), remote.address(), ProposalParser.parseList(ike, ProtocolId.IKE),
                Identity.parse(name(local)), localAuth, IdentityMatcher.parse(name(remote)), remoteAuth, List.of(child), false);
    }

    /** One CA and a P-256 certificate for each side, valid a year around {@link #NOW}; made on first use. */
    private static final class Certificates {
        static final Issued CA = TestPki.ca("CN=Bench CA, O=Petrel, C=XX", KeyType.ECDSA_P256,
                NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(365)));
        static final TrustAnchors TRUST = new TrustAnchors(List.of(CA.certificate()));
        static final CertificateAuth LEFT_AUTH = issue("left.petrel.test");
        static final CertificateAuth RIGHT_AUTH = issue("right.petrel.test");

        static CertificateAuth auth(boolean left) {
            return left ? LEFT_AUTH : RIGHT_AUTH;
        }

        private static CertificateAuth issue(String name) {
            Issued host = CA.issue("CN=" + name + ", O=Petrel, C=XX", KeyType.ECDSA_P256, NOW.minus(Duration.ofDays(365)),
                    NOW.plus(Duration.ofDays(365)), false, "dns:" + name);
            return new CertificateAuth(host.certificate(), List.of(), host.privateKey());
        }
    }

    private static String name(Endpoint e) {
        return (e.equals(LEFT) ? "left" : "right") + ".petrel.test";
    }

    private static Endpoint endpoint(String literal) {
        try {
            return new Endpoint(InetAddress.getByName(literal), Endpoint.IKE_PORT);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
