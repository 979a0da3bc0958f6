package dev.petrel.testkit.interop;

import dev.petrel.testkit.Skip;
import dev.petrel.testkit.netns.RoadWarriorNetwork;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The swanctl.conf files and credentials of a {@link RoadWarriorNetwork}: a gateway that authenticates itself with a
 * certificate (ECDSA P-256, identity {@value #GATEWAY_ID}) and its clients with EAP (RFC 7296 §2.16), EAP-MSCHAPv2 or
 * EAP-TLS, and assigns each a virtual IP from the pool {@value #POOL} (RFC 7296 §2.19); and road-warrior clients that ask
 * for one ({@code vips = 0.0.0.0}) and tunnel to {@link RoadWarriorNetwork#INSIDE_NETWORK}. Petrel reads the same
 * swanctl.conf syntax, so the gateway's file serves a Petrel gateway as well.
 *
 * <p>The gateway has one connection per EAP method, told apart by the client's IKE identity (IDi): EAP-TLS clients are
 * {@code user@}{@value #TLS_DOMAIN} (connection {@value #TLS_CONNECTION}, remote id {@code *@tls.petrel.test}, the better
 * match), EAP-MSCHAPv2 clients {@code user@}{@value #MSCHAPV2_DOMAIN} (connection {@value #MSCHAPV2_CONNECTION}, remote id
 * any). Both ask the client's EAP identity first ({@code eap_id = %any}: EAP Identity request). An EAP-TLS client's
 * certificate names its identity as an rfc822Name subjectAltName, as EAP-TLS checks it against the EAP identity.
 */
public final class RoadWarriorConfig {
    public static final String GATEWAY_ID = "gateway.petrel.test";
    public static final String POOL = "10.3.0.0/28";
    public static final String MSCHAPV2_CONNECTION = "rw-eap";
    public static final String TLS_CONNECTION = "rw-tls";
    /** The client's connection. */
    public static final String CLIENT_CONNECTION = "rw";
    /** The CHILD_SA on both sides. */
    public static final String CHILD = "net";
    public static final String MSCHAPV2_DOMAIN = "eap.petrel.test";
    public static final String TLS_DOMAIN = "tls.petrel.test";
    public static final String IKE_PROPOSAL = "aes128gcm16-prfsha256-x25519";
    public static final String ESP_PROPOSAL = "aes128gcm16";

    /**
     * charon's plugins: the interop harness's list (../shared/interop/strongswan-peer.sh) plus the EAP methods. MD4 and
     * DES-ECB, which MSCHAPv2 needs (RFC 2759), come from the openssl plugin (OpenSSL 3's legacy provider).
     */
    public static final Map<String, String> CHARON_SETTINGS = Map.of("charon.load", "random nonce openssl pem pkcs1 pkcs8 "
            + "x509 pubkey revocation constraints curve25519 sha1 sha2 hmac kdf gcm chapoly kernel-libipsec kernel-netlink "
            + "socket-default vici eap-identity eap-mschapv2 eap-tls");

    private static final Pattern USER = Pattern.compile("[a-z0-9]{1,32}");
    private static final Pattern SECRET = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{8,64}");
    private static final String PLUGINS = "/usr/lib/ipsec/plugins/libstrongswan-";
    private static final Duration VALIDITY = Duration.ofDays(1);

    /** How a road warrior authenticates with EAP; its IKE identity and EAP identity are the same. */
    public sealed interface Client {
        /** The user name: lower-case letters and digits. */
        String user();

        /** The IKE and EAP identity (an RFC 822 name: ID_RFC822_ADDR). */
        String identity();

        /** The swanctl {@code auth} keyword. */
        String method();
    }

    /** EAP-MSCHAPv2 (RFC 2759 inside EAP) with a password the gateway knows. {@link #toString()} hides it. */
    public record Mschapv2(String user, String secret) implements Client {
        public Mschapv2 {
            checkUser(user);
            if (!SECRET.matcher(secret).matches()) {
                throw new IllegalArgumentException("an EAP secret here is 8 to 64 printable ASCII characters without \" or \\");
            }
        }

        @Override
        public String identity() {
            return user + "@" + MSCHAPV2_DOMAIN;
        }

        @Override
        public String method() {
            return "eap-mschapv2";
        }

        @Override
        public String toString() {
            return "Mschapv2[" + identity() + "]";
        }
    }

    /** EAP-TLS (RFC 5216) with a client certificate that names {@link #identity()}. */
    public record Tls(String user, TestPki.Issued certificate) implements Client {
        public Tls {
            checkUser(user);
        }

        @Override
        public String identity() {
            return user + "@" + TLS_DOMAIN;
        }

        @Override
        public String method() {
            return "eap-tls";
        }

        /** The certificate's file name in the client's x509/ and private/ folders. */
        String file() {
            return user + ".pem";
        }
    }

    private final TestPki.Issued ca;
    private final TestPki.Issued gateway;

    private RoadWarriorConfig(TestPki.Issued ca, TestPki.Issued gateway) {
        this.ca = ca;
        this.gateway = gateway;
    }

    /** A fresh throw-away CA and a gateway certificate it issued, valid from an hour ago for a day. */
    public static RoadWarriorConfig create() {
        Instant now = Instant.now();
        TestPki.Issued ca = TestPki.ca("CN=Petrel road-warrior CA", KeyType.ECDSA_P256, now.minus(Duration.ofHours(1)),
                now.plus(VALIDITY));
        TestPki.Issued gateway = ca.issue("CN=" + GATEWAY_ID, KeyType.ECDSA_P256, now.minus(Duration.ofHours(1)),
                now.plus(VALIDITY), false, "dns:" + GATEWAY_ID);
        return new RoadWarriorConfig(ca, gateway);
    }

    /** The CA, which every side trusts. */
    public TestPki.Issued ca() {
        return ca;
    }

    /** The gateway's certificate and key. */
    public TestPki.Issued gatewayCertificate() {
        return gateway;
    }

    /** An EAP-TLS client {@code user} with a fresh certificate from this CA. */
    public Tls tlsClient(String user) {
        Instant now = Instant.now();
        String identity = user + "@" + TLS_DOMAIN;
        return new Tls(user, ca.issue("CN=" + identity, KeyType.ECDSA_P256, now.minus(Duration.ofHours(1)),
                now.plus(VALIDITY), false, "email:" + identity));
    }

    /**
     * The gateway's swanctl.conf: both EAP connections on {@link RoadWarriorNetwork#GATEWAY}, the pool, and the EAP
     * secrets of the MSCHAPv2 {@code clients} (EAP-TLS clients need none: the CA vouches for them).
     */
    public String gatewayConf(List<? extends Client> clients) {
        String secrets = clients.stream().filter(c -> c instanceof Mschapv2).map(c -> (Mschapv2) c)
                .map(c -> secret(c.user(), c.identity(), c.secret())).collect(Collectors.joining());
        return "connections {\n"
                + gatewayConnection(MSCHAPV2_CONNECTION, "      auth = eap-mschapv2\n")
                + gatewayConnection(TLS_CONNECTION, "      auth = eap-tls\n      id = *@" + TLS_DOMAIN + "\n")
                + "}\n"
                + "pools {\n  rw-pool {\n    addrs = " + POOL + "\n  }\n}\n"
                + "secrets {\n" + secrets + "}\n";
    }

    /** The gateway's swanctl folder files: its certificate and key, and the CA. */
    public Map<String, String> gatewayFiles() {
        return Map.of("x509ca/ca.pem", TestPki.pem(ca.certificate()), "x509/gateway.pem", TestPki.pem(gateway.certificate()),
                "private/gateway.pem", TestPki.pem(gateway.privateKey()));
    }

    /**
     * A client's swanctl.conf: connection {@value #CLIENT_CONNECTION} to {@link RoadWarriorNetwork#GATEWAY} asking a
     * virtual IPv4 address, EAP as {@code client}, the gateway proven by its certificate, and CHILD_SA {@value #CHILD}
     * from the virtual IP to {@link RoadWarriorNetwork#INSIDE_NETWORK}; nothing starts by itself.
     */
    public String clientConf(Client client) {
        String local = "      auth = " + client.method() + "\n      id = " + client.identity() + "\n      eap_id = "
                + client.identity() + "\n" + (client instanceof Tls tls ? "      certs = " + tls.file() + "\n" : "");
        String secrets = client instanceof Mschapv2 m ? secret(m.user(), m.identity(), m.secret()) : "";
        return "connections {\n"
                + "  " + CLIENT_CONNECTION + " {\n"
                + "    version = 2\n"
                + "    remote_addrs = " + RoadWarriorNetwork.GATEWAY.getHostAddress() + "\n"
                + "    vips = 0.0.0.0\n"
                + "    proposals = " + IKE_PROPOSAL + "\n"
                + "    rekey_time = 0\n"
                + "    local {\n" + local + "    }\n"
                + "    remote {\n      auth = pubkey\n      id = " + GATEWAY_ID + "\n    }\n"
                + "    children {\n      " + CHILD + " {\n"
                + "        remote_ts = " + RoadWarriorNetwork.INSIDE_NETWORK + "\n"
                + "        esp_proposals = " + ESP_PROPOSAL + "\n"
                + "        rekey_time = 0\n"
                + "        start_action = none\n"
                + "      }\n    }\n"
                + "  }\n"
                + "}\n"
                + "secrets {\n" + secrets + "}\n";
    }

    /** A client's swanctl folder files: the CA, and an EAP-TLS client's certificate and key. */
    public Map<String, String> clientFiles(Client client) {
        Map<String, String> files = new HashMap<>(Map.of("x509ca/ca.pem", TestPki.pem(ca.certificate())));
        if (client instanceof Tls tls) {
            files.put("x509/" + tls.file(), TestPki.pem(tls.certificate().certificate()));
            files.put("private/" + tls.file(), TestPki.pem(tls.certificate().privateKey()));
        }
        return Map.copyOf(files);
    }

    /** Starts a strongSwan gateway for {@code clients} in the network's gateway namespace. */
    public StrongSwanPeer startStrongSwanGateway(RoadWarriorNetwork network, Path workDir, List<? extends Client> clients,
            int logLevel) throws IOException {
        return StrongSwanPeer.start(network.gateway(), workDir, gatewayConf(clients), gatewayFiles(), CHARON_SETTINGS, logLevel);
    }

    /**
     * Why strongSwan road warriors cannot run here: what {@link StrongSwanPeer#unavailableReason()} and
     * {@link RoadWarriorNetwork#unavailableReason()} say, or a missing EAP plugin; empty when they can.
     */
    public static Optional<String> unavailableReason() {
        Optional<String> other = StrongSwanPeer.unavailableReason().or(RoadWarriorNetwork::unavailableReason);
        if (other.isPresent()) {
            return other;
        }
        List<String> missing = Stream.of("eap-identity", "eap-mschapv2", "eap-tls").map(p -> PLUGINS + p + ".so")
                .filter(f -> !Files.exists(Path.of(f))).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("strongSwan's EAP plugins are missing: " + missing
                + " (apt-get install libcharon-extauth-plugins libcharon-extra-plugins)");
    }

    /** Skips the calling test loudly when {@link #unavailableReason()} says so, and fails it under CI=true. */
    public static void assumeAvailable() {
        Skip.unless(unavailableReason());
    }

    private static String gatewayConnection(String name, String remote) {
        return "  " + name + " {\n"
                + "    version = 2\n"
                + "    local_addrs = " + RoadWarriorNetwork.GATEWAY.getHostAddress() + "\n"
                + "    pools = rw-pool\n"
                + "    proposals = " + IKE_PROPOSAL + "\n"
                + "    rekey_time = 0\n"
                + "    local {\n      auth = pubkey\n      certs = gateway.pem\n      id = " + GATEWAY_ID + "\n    }\n"
                + "    remote {\n" + remote + "      eap_id = %any\n    }\n"
                + "    children {\n      " + CHILD + " {\n"
                + "        local_ts = " + RoadWarriorNetwork.INSIDE_NETWORK + "\n"
                + "        esp_proposals = " + ESP_PROPOSAL + "\n"
                + "        rekey_time = 0\n"
                + "      }\n    }\n"
                + "  }\n";
    }

    private static String secret(String user, String identity, String secret) {
        return "  eap-" + user + " {\n    id = " + identity + "\n    secret = \"" + secret + "\"\n  }\n";
    }

    private static void checkUser(String user) {
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("a user name here is 1 to 32 lower-case letters or digits: " + user);
        }
    }
}
