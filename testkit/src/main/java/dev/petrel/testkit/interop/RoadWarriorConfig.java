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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The swanctl.conf files and credentials of a {@link RoadWarriorNetwork}: a gateway that authenticates itself with a
 * certificate (ECDSA P-256, identity {@value #GATEWAY_ID}) and its clients with EAP (RFC 7296 §2.16), and assigns each
 * a virtual IP from the pool {@value #POOL} (RFC 7296 §2.19); and road-warrior clients that ask for one
 * ({@code vips = 0.0.0.0}) and tunnel to {@link RoadWarriorNetwork#INSIDE_NETWORK}. Petrel reads the same swanctl.conf
 * syntax, so the gateway's file serves a Petrel gateway as well, and a client's a Petrel client.
 *
 * <p>The gateway has one connection per kind of {@link Client} it serves, told apart by the client's IKE identity
 * (IDi), whose domain names the kind: EAP-MSCHAPv2 clients are {@code user@}{@value #MSCHAPV2_DOMAIN} (connection
 * {@value #MSCHAPV2_CONNECTION}, remote id any), the others match a better remote id such as {@code *@tls.petrel.test}.
 * Each asks the client's EAP identity first ({@code eap_id = %any}: EAP Identity request). A client certificate names
 * the client's identity as an rfc822Name subjectAltName, as EAP-TLS checks it against the EAP identity.
 */
public final class RoadWarriorConfig {
    public static final String GATEWAY_ID = "gateway.petrel.test";
    public static final String POOL = "10.3.0.0/28";
    public static final String MSCHAPV2_CONNECTION = "rw-eap";
    public static final String TLS_CONNECTION = "rw-tls";
    public static final String MD5_CONNECTION = "rw-md5";
    public static final String CERTIFICATE_THEN_EAP_CONNECTION = "rw-cert-eap";
    public static final String EAP_ONLY_CONNECTION = "rw-eap-only";
    public static final String EAP_ONLY_TLS_CONNECTION = "rw-tls-only";
    /** The client's connection. */
    public static final String CLIENT_CONNECTION = "rw";
    /** The CHILD_SA on both sides. */
    public static final String CHILD = "net";
    public static final String MSCHAPV2_DOMAIN = "eap.petrel.test";
    public static final String TLS_DOMAIN = "tls.petrel.test";
    public static final String MD5_DOMAIN = "md5.petrel.test";
    public static final String CERTIFICATE_DOMAIN = "cert.petrel.test";
    public static final String EAP_ONLY_DOMAIN = "only.petrel.test";
    public static final String EAP_ONLY_TLS_DOMAIN = "tlsonly.petrel.test";
    public static final String IKE_PROPOSAL = "aes128gcm16-prfsha256-x25519";
    public static final String ESP_PROPOSAL = "aes128gcm16";
    /**
     * EAP-TLS with a JDK peer: only TLS 1.3 gives both sides the MSK (strongSwan 5.9's libtls lacks RFC 7627, without
     * which the JDK exports no TLS 1.2 keying material). Settings for {@link #charonSettings}.
     */
    public static final Map<String, String> TLS_13 = Map.of("charon.tls.version_max", "1.3");

    /**
     * charon's plugins: the interop harness's list (../shared/interop/strongswan-peer.sh) plus the EAP methods. MD4 and
     * DES-ECB, which MSCHAPv2 needs (RFC 2759), and MD5 come from the openssl plugin (OpenSSL 3's legacy provider).
     */
    public static final Map<String, String> CHARON_SETTINGS = Map.of("charon.load", "random nonce openssl pem pkcs1 pkcs8 "
            + "x509 pubkey revocation constraints curve25519 sha1 sha2 hmac kdf gcm chapoly kernel-libipsec kernel-netlink "
            + "socket-default vici eap-identity eap-md5 eap-mschapv2 eap-tls");

    private static final List<String> EAP_PLUGINS = List.of("eap-identity", "eap-md5", "eap-mschapv2", "eap-tls");
    private static final Pattern USER = Pattern.compile("[a-z0-9]{1,32}");
    private static final Pattern SECRET = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{8,64}");
    private static final String PLUGINS = "/usr/lib/ipsec/plugins/libstrongswan-";
    private static final Duration VALIDITY = Duration.ofDays(1);

    /** How a road warrior authenticates with EAP; its EAP identity is its IKE identity unless it says otherwise. */
    public sealed interface Client {
        /** The user name: lower-case letters and digits. */
        String user();

        /** The IKE identity (an RFC 822 name: ID_RFC822_ADDR) of its first authentication round. */
        String identity();

        /** The identity it proves by EAP, which the gateway asks for ({@code eap_id = %any}). */
        default String eapIdentity() {
            return identity();
        }

        /** The swanctl {@code auth} keyword of its EAP round. */
        String method();

        /** The gateway's connection for this kind of client. */
        String connection();
    }

    /** A client that proves a password by EAP: the gateway holds the secret of its {@link #eapIdentity()}. */
    public sealed interface PasswordClient extends Client {
        String secret();
    }

    /** A client with a certificate from this configuration's CA, which names {@link #identity()}. */
    public sealed interface CertificateClient extends Client {
        TestPki.Issued certificate();

        /** The certificate's file name in the client's x509/ and private/ folders. */
        default String file() {
            return user() + ".pem";
        }
    }

    /**
     * How a {@link Password} client authenticates: its EAP method ({@code auth} keyword), the domain of its identity
     * and its gateway connection.
     */
    public record PasswordMethod(String keyword, String domain, String connection) {
        /** EAP-MSCHAPv2 (RFC 2759 inside EAP). */
        public static final PasswordMethod MSCHAPV2 = new PasswordMethod("eap-mschapv2", MSCHAPV2_DOMAIN, MSCHAPV2_CONNECTION);
        /** EAP-MD5 (RFC 3748 §5.4): no MSK, so the AUTH payloads after EAP are keyed with SK_p (RFC 7296 §2.16). */
        public static final PasswordMethod MD5 = new PasswordMethod("eap-md5", MD5_DOMAIN, MD5_CONNECTION);
        /**
         * EAP-MSCHAPv2 in both directions (RFC 5998, EAP-only): the gateway proves itself by the MSK alone, sending no
         * certificate and no signature ({@code local { auth = eap-mschapv2 }}), and the client accepts that
         * ({@code remote { auth = eap-mschapv2 }}).
         */
        public static final PasswordMethod EAP_ONLY_MSCHAPV2 = new PasswordMethod("eap-mschapv2", EAP_ONLY_DOMAIN,
                EAP_ONLY_CONNECTION);
    }

    /** A client that proves a password the gateway knows by EAP, as {@code how} says. {@link #toString()} hides it. */
    public record Password(PasswordMethod how, String user, String secret) implements PasswordClient {
        public Password {
            checkUser(user);
            checkSecret(secret);
        }

        @Override
        public String identity() {
            return user + "@" + how.domain();
        }

        @Override
        public String method() {
            return how.keyword();
        }

        @Override
        public String connection() {
            return how.connection();
        }

        @Override
        public String toString() {
            return "Password[" + how.keyword() + ", " + identity() + "]";
        }
    }

    /**
     * EAP-TLS (RFC 5216) with a client certificate that names {@link #identity()}; with {@code eapOnly} (RFC 5998) the
     * gateway proves itself by EAP-TLS alone ({@code local { auth = eap-tls }}), which the client accepts
     * ({@code remote { auth = eap-tls }}).
     */
    public record Tls(String user, TestPki.Issued certificate, boolean eapOnly) implements CertificateClient {
        public Tls {
            checkUser(user);
        }

        @Override
        public String identity() {
            return user + "@" + (eapOnly ? EAP_ONLY_TLS_DOMAIN : TLS_DOMAIN);
        }

        @Override
        public String method() {
            return "eap-tls";
        }

        @Override
        public String connection() {
            return eapOnly ? EAP_ONLY_TLS_CONNECTION : TLS_CONNECTION;
        }
    }

    /**
     * Two authentication rounds (RFC 4739): first the certificate, which names {@code user@}{@value #CERTIFICATE_DOMAIN}
     * (the IKE identity), then EAP-MSCHAPv2 as {@code user@}{@value #MSCHAPV2_DOMAIN} (the EAP identity). The client's
     * second round ({@code local-2}) names no IKE identity of its own. {@link #toString()} hides the password.
     */
    public record CertificateThenMschapv2(String user, TestPki.Issued certificate, String secret)
            implements CertificateClient, PasswordClient {
        public CertificateThenMschapv2 {
            checkUser(user);
            checkSecret(secret);
        }

        @Override
        public String identity() {
            return user + "@" + CERTIFICATE_DOMAIN;
        }

        @Override
        public String eapIdentity() {
            return user + "@" + MSCHAPV2_DOMAIN;
        }

        @Override
        public String method() {
            return "eap-mschapv2";
        }

        @Override
        public String connection() {
            return CERTIFICATE_THEN_EAP_CONNECTION;
        }

        @Override
        public String toString() {
            return "CertificateThenMschapv2[" + identity() + ", " + eapIdentity() + "]";
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

    /** An EAP-MSCHAPv2 client. */
    public static Password mschapv2(String user, String secret) {
        return new Password(PasswordMethod.MSCHAPV2, user, secret);
    }

    /** An EAP-MD5 client. */
    public static Password md5(String user, String secret) {
        return new Password(PasswordMethod.MD5, user, secret);
    }

    /** An EAP-MSCHAPv2 client that lets the gateway authenticate by EAP alone (RFC 5998). */
    public static Password eapOnlyMschapv2(String user, String secret) {
        return new Password(PasswordMethod.EAP_ONLY_MSCHAPV2, user, secret);
    }

    /** An EAP-TLS client {@code user} with a fresh certificate from this CA. */
    public Tls tlsClient(String user) {
        return new Tls(user, clientCertificate(user + "@" + TLS_DOMAIN), false);
    }

    /** An EAP-TLS client {@code user} that lets the gateway authenticate by EAP-TLS alone (RFC 5998). */
    public Tls eapOnlyTlsClient(String user) {
        return new Tls(user, clientCertificate(user + "@" + EAP_ONLY_TLS_DOMAIN), true);
    }

    /** A client {@code user} of two rounds, a fresh certificate from this CA and then EAP-MSCHAPv2 with {@code secret}. */
    public CertificateThenMschapv2 certificateThenMschapv2(String user, String secret) {
        return new CertificateThenMschapv2(user, clientCertificate(user + "@" + CERTIFICATE_DOMAIN), secret);
    }

    /**
     * The gateway's swanctl.conf: a connection on {@link RoadWarriorNetwork#GATEWAY} for each kind of {@code clients}
     * ({@link Client#connection()}), the pool, and the EAP secrets of the {@link PasswordClient}s (certificates need
     * none: the CA vouches for them).
     */
    public String gatewayConf(List<? extends Client> clients) {
        Map<String, String> connections = new LinkedHashMap<>();
        clients.forEach(c -> connections.computeIfAbsent(c.connection(), name -> gatewayConnection(c)));
        String secrets = clients.stream().filter(c -> c instanceof PasswordClient).map(c -> (PasswordClient) c)
                .map(c -> secret(c.user(), c.eapIdentity(), c.secret())).collect(Collectors.joining());
        return "connections {\n"
                + String.join("", connections.values())
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
     * virtual IPv4 address, its rounds as {@code client}, the gateway proven by its certificate (or, EAP-only, by the
     * MSK), and CHILD_SA {@value #CHILD} from the virtual IP to {@link RoadWarriorNetwork#INSIDE_NETWORK}; nothing
     * starts by itself.
     */
    public String clientConf(Client client) {
        String local = switch (client) {
            case CertificateThenMschapv2 c -> section("local-1", "auth = pubkey", "certs = " + c.file(), "id = " + c.identity())
                    + section("local-2", "auth = " + c.method(), "eap_id = " + c.eapIdentity());
            case Tls tls -> section("local", "auth = " + tls.method(), "id = " + tls.identity(), "eap_id = " + tls.identity(),
                    "certs = " + tls.file());
            default -> section("local", "auth = " + client.method(), "id = " + client.identity(),
                    "eap_id = " + client.identity());
        };
        String remoteAuth = eapOnly(client) ? client.method() : "pubkey";
        String secrets = client instanceof PasswordClient p ? secret(p.user(), p.eapIdentity(), p.secret()) : "";
        return "connections {\n"
                + "  " + CLIENT_CONNECTION + " {\n"
                + "    version = 2\n"
                + "    remote_addrs = " + RoadWarriorNetwork.GATEWAY.getHostAddress() + "\n"
                + "    vips = 0.0.0.0\n"
                + "    proposals = " + IKE_PROPOSAL + "\n"
                + "    rekey_time = 0\n"
                + local
                + section("remote", "auth = " + remoteAuth, "id = " + GATEWAY_ID)
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

    /** A client's swanctl folder files: the CA, and a {@link CertificateClient}'s certificate and key. */
    public Map<String, String> clientFiles(Client client) {
        Map<String, String> files = new HashMap<>(Map.of("x509ca/ca.pem", TestPki.pem(ca.certificate())));
        if (client instanceof CertificateClient c) {
            files.put("x509/" + c.file(), TestPki.pem(c.certificate().certificate()));
            files.put("private/" + c.file(), TestPki.pem(c.certificate().privateKey()));
        }
        return Map.copyOf(files);
    }

    /** Starts a strongSwan gateway for {@code clients} in the network's gateway namespace. */
    public StrongSwanPeer startStrongSwanGateway(RoadWarriorNetwork network, Path workDir, List<? extends Client> clients,
            int logLevel) throws IOException {
        return startStrongSwanGateway(network, workDir, clients, Map.of(), logLevel);
    }

    /** {@link #startStrongSwanGateway(RoadWarriorNetwork, Path, List, int)} with {@link #charonSettings}({@code settings}). */
    public StrongSwanPeer startStrongSwanGateway(RoadWarriorNetwork network, Path workDir, List<? extends Client> clients,
            Map<String, String> settings, int logLevel) throws IOException {
        return StrongSwanPeer.start(network.gateway(), workDir, gatewayConf(clients), gatewayFiles(), charonSettings(settings),
                logLevel);
    }

    /** {@link #CHARON_SETTINGS} with {@code settings} added (or replacing those of the same name), e.g. {@link #TLS_13}. */
    public static Map<String, String> charonSettings(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(CHARON_SETTINGS);
        all.putAll(settings);
        return Map.copyOf(all);
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
        List<String> missing = EAP_PLUGINS.stream().map(p -> PLUGINS + p + ".so")
                .filter(f -> !Files.exists(Path.of(f))).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("strongSwan's EAP plugins are missing: " + missing
                + " (apt-get install libcharon-extauth-plugins libcharon-extra-plugins)");
    }

    /** Skips the calling test loudly when {@link #unavailableReason()} says so, and fails it under CI=true. */
    public static void assumeAvailable() {
        Skip.unless(unavailableReason());
    }

    private TestPki.Issued clientCertificate(String identity) {
        Instant now = Instant.now();
        return ca.issue("CN=" + identity, KeyType.ECDSA_P256, now.minus(Duration.ofHours(1)), now.plus(VALIDITY), false,
                "email:" + identity);
    }

    /**
     * The gateway's connection for {@code client}'s kind: it proves itself by its certificate (EAP-only, RFC 5998: by
     * the MSK of the client's EAP method, EAP-TLS presenting that certificate) and asks the client's EAP identity.
     */
    private static String gatewayConnection(Client client) {
        String eap = "auth = " + client.method();
        String id = "id = " + GATEWAY_ID;
        String local = !eapOnly(client) ? section("local", "auth = pubkey", "certs = gateway.pem", id)
                : client instanceof Tls ? section("local", eap, "certs = gateway.pem", id) : section("local", eap, id);
        String domain = "id = *@" + client.identity().substring(client.identity().indexOf('@') + 1);
        return gatewayConnection(client.connection(), local, switch (client) {
            case Password p when p.how().equals(PasswordMethod.MSCHAPV2) -> section("remote", eap, "eap_id = %any");
            case CertificateThenMschapv2 c -> section("remote-1", "auth = pubkey", domain)
                    + section("remote-2", eap, "eap_id = %any");
            default -> section("remote", eap, domain, "eap_id = %any");
        });
    }

    /** Whether the gateway authenticates to {@code client} by EAP alone (RFC 5998). */
    private static boolean eapOnly(Client client) {
        return client instanceof Password p && p.how().equals(PasswordMethod.EAP_ONLY_MSCHAPV2)
                || client instanceof Tls t && t.eapOnly();
    }

    private static String gatewayConnection(String name, String local, String remote) {
        return "  " + name + " {\n"
                + "    version = 2\n"
                + "    local_addrs = " + RoadWarriorNetwork.GATEWAY.getHostAddress() + "\n"
                + "    pools = rw-pool\n"
                + "    proposals = " + IKE_PROPOSAL + "\n"
                + "    rekey_time = 0\n"
                + local
                + remote
                + "    children {\n      " + CHILD + " {\n"
                + "        local_ts = " + RoadWarriorNetwork.INSIDE_NETWORK + "\n"
                + "        esp_proposals = " + ESP_PROPOSAL + "\n"
                + "        rekey_time = 0\n"
                + "      }\n    }\n"
                + "  }\n";
    }

    /** A section of a connection ({@code local}, {@code remote-2}, ...) with one setting a line. */
    private static String section(String name, String... settings) {
        return "    " + name + " {\n" + Stream.of(settings).map(s -> "      " + s + "\n").collect(Collectors.joining())
                + "    }\n";
    }

    private static String secret(String user, String identity, String secret) {
        return "  eap-" + user + " {\n    id = " + identity + "\n    secret = \"" + secret + "\"\n  }\n";
    }

    private static void checkUser(String user) {
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("a user name here is 1 to 32 lower-case letters or digits: " + user);
        }
    }

    private static void checkSecret(String secret) {
        if (!SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("an EAP secret here is 8 to 64 printable ASCII characters without \" or \\");
        }
    }
}
