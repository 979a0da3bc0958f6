package dev.petrel.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.gateway.config.swanctl.SwanctlConfig;
import dev.petrel.gateway.ocsp.HttpOcsp;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.config.Authority;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.Revocation;
import dev.petrel.ike.config.RevocationPolicy;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.identity.Identity;
import dev.petrel.testkit.Skip;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.testkit.vectors.ProjectPaths;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509CRL;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificates and keys from the swanctl folders beside swanctl.conf: the interop harness's files as gen-certs.sh
 * (strongSwan's pki) makes them, every key format strongSwan reads, and each refusal naming file, line and key.
 */
class SwanctlCertificatesTest {
    private static final Instant NOW = Instant.now();
    private static final Issued CA = TestPki.ca("CN=Test CA, O=Petrel, C=XX", KeyType.ECDSA_P256,
            NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dir;

    /** {@code gen-certs.sh} then the harness's cert configurations, copied as smoke-test.sh does, load unchanged. */
    @ParameterizedTest
    @ValueSource(strings = {"ecdsa", "rsa"})
    void theInteropCertificateCaseLoadsUnchanged(String keyType) throws Exception {
        Skip.unless(Files.isExecutable(Path.of("/usr/bin/pki")) ? Optional.empty()
                : Optional.of("strongSwan's pki is not installed (apt-get install strongswan-pki)"));
        Path interop = ProjectPaths.shared().resolve("interop");
        var made = Commands.run(List.of("bash", interop.resolve("gen-certs.sh").toString(), dir.resolve("pki").toString()),
                Map.of("KEYTYPE", keyType), Duration.ofSeconds(120));
        made.requireSuccess();
        for (String side : List.of("left", "right")) {
            Path folder = Files.createDirectories(dir.resolve(side));
            Files.copy(interop.resolve("conf/cert/" + side + "/swanctl.conf"), folder.resolve("swanctl.conf"));
            copyTree(dir.resolve("pki/" + side), folder);
            IkeConfig ike = SwanctlConfig.load(folder.resolve("swanctl.conf")).connection("petrel").orElseThrow().ike();
            CertificateAuth local = (CertificateAuth) ike.localAuth();
            assertEquals(Identity.parse("C=XX, O=Petrel Interop, CN=" + side + ".petrel.test"), local.subjectIdentity());
            assertEquals(Identity.parse(side + ".petrel.test"), ike.localId());
            assertTrue(SignatureScheme.pair(local.certificate().getPublicKey(), local.key()));
            assertEquals(List.of(), local.intermediates());
            assertEquals(keyType.equals("rsa") ? SignatureScheme.RSA_PKCS1_SHA256 : SignatureScheme.ECDSA_SHA256,
                    local.schemes().getFirst());
            TrustAnchors anchors = (TrustAnchors) ike.remoteAuth();
            assertEquals(List.of(Identity.parse("C=XX, O=Petrel Interop, CN=Petrel Interop Test CA")),
                    anchors.anchors().stream().map(CertificateIdentity::subject).toList());
        }
    }

    /**
     * Keys in every folder and format swanctl reads: SEC1 EC in ecdsa/, PKCS#1 RSA in rsa/, PKCS#8 DER in private/,
     * encrypted PKCS#8 in pkcs8/ with its passphrase from secrets; each connection takes the key of its certificate,
     * and the intermediate in x509ca/ travels with the certificate it issued.
     */
    @Test
    void everyKeyFormatIsLoadedAndMatchedToItsCertificate() throws Exception {
        Issued intermediate = intermediate(KeyType.ECDSA_P384);
        Issued ec = host(CA, "ec", KeyType.ECDSA_P256);
        Issued rsa = host(intermediate, "rsa", KeyType.RSA_2048);
        Issued ed = host(CA, "ed", KeyType.ED25519);
        Issued encrypted = host(CA, "enc", KeyType.ECDSA_P384);
        write("x509ca/ca.pem", TestPki.pem(CA.certificate()));
        write("x509ca/intermediate.pem", TestPki.pem(intermediate.certificate()));
        for (Issued i : List.of(ec, rsa, ed, encrypted)) {
            write("x509/" + name(i) + ".pem", TestPki.pem(i.certificate()));
        }
        write("ecdsa/ec.key", TestPki.pem(ec.privateKey()));
        write("rsa/rsa.key", TestPki.pem(rsa.privateKey()));
        Files.write(Files.createDirectories(dir.resolve("private")).resolve("ed.der"), ed.privateKey().getEncoded());
        write("pkcs8/enc.pem", TestPki.encryptedPem(encrypted.privateKey(), PASSPHRASE.toCharArray()));
        StringBuilder conf = new StringBuilder("connections {\n");
        for (String n : List.of("ec", "rsa", "ed", "enc")) {
            conf.append(connection(n, n.equals("rsa") ? "rsa/pss" : "pubkey", ""));
        }
        conf.append("}\nsecrets {\n  pkcs8-enc {\n    file = enc.pem\n    secret = \"" + PASSPHRASE + "\"\n  }\n}\n");
        GatewayConfig config = load(conf.toString());
        for (Issued i : List.of(ec, rsa, ed, encrypted)) {
            CertificateAuth local = (CertificateAuth) config.connection(name(i)).orElseThrow().ike().localAuth();
            assertEquals(i.certificate(), local.certificate());
            assertEquals(i.privateKey().getEncoded().length > 0, SignatureScheme.pair(i.certificate().getPublicKey(), local.key()));
        }
        CertificateAuth rsaAuth = (CertificateAuth) config.connection("rsa").orElseThrow().ike().localAuth();
        assertEquals(List.of(intermediate.certificate()), rsaAuth.intermediates());
        assertEquals(SignatureScheme.RSA_PSS_SHA256, rsaAuth.schemes().getFirst());
        assertEquals(2, ((TrustAnchors) config.connection("ec").orElseThrow().ike().remoteAuth()).anchors().size(),
                "every CA certificate in x509ca/ is a trust anchor");
        assertNoKeyMaterial(config.toString(), ec, rsa, ed, encrypted);
    }

    @Test
    void cacertsAndAuthoritiesNameTheAnchors() throws Exception {
        Issued other = TestPki.ca("CN=Other CA, O=Petrel, C=XX", KeyType.ECDSA_P256, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
        Issued ec = host(CA, "ec", KeyType.ECDSA_P256);
        write("x509/ec.pem", TestPki.pem(ec.certificate()));
        write("private/ec.key", TestPki.pem(ec.privateKey()));
        write("elsewhere/other.pem", TestPki.pem(other.certificate()));
        write("x509ca/ca.pem", TestPki.pem(CA.certificate()));
        GatewayConfig config = load("connections {\n" + connection("ec", "ike:pubkey-sha384-sha256",
                "cacerts = " + dir.resolve("elsewhere/other.pem")) + "}\nauthorities {\n  other {\n    cacert = "
                + dir.resolve("elsewhere/other.pem") + "\n  }\n}\n");
        IkeConfig ike = config.connection("ec").orElseThrow().ike();
        assertEquals(List.of(other.certificate()), ((TrustAnchors) ike.remoteAuth()).anchors());
        assertEquals(List.of(SignatureScheme.ECDSA_SHA384, SignatureScheme.ECDSA_SHA256),
                ((CertificateAuth) ike.localAuth()).schemes());
    }

    @Test
    void everyProblemNamesFileLineAndKey() throws Exception {
        Issued ec = host(CA, "ec", KeyType.ECDSA_P256);
        Issued stranger = host(CA, "stranger", KeyType.ECDSA_P256);
        write("x509ca/ca.pem", TestPki.pem(CA.certificate()));
        write("x509/ec.pem", TestPki.pem(ec.certificate()));
        Path conf = dir.resolve("swanctl.conf");

        assertProblem(":6: connections.ec.local.certs: no certificate file " + dir.resolve("x509/missing.pem"),
                connection("ec", "pubkey", "").replace("certs = ec.pem", "certs = missing.pem"));
        write("private/stranger.key", TestPki.pem(stranger.privateKey()));
        assertProblem(":6: connections.ec.local.certs: no private key in private/, rsa/, ecdsa/, pkcs8/, pkcs12/ or secrets "
                + "belongs to certificate C=XX, O=Petrel, CN=ec.petrel.test (1 keys loaded)", connection("ec", "pubkey", ""));
        Files.delete(dir.resolve("private/stranger.key"));
        write("private/ec.key", TestPki.pem(ec.privateKey()));
        assertProblem(":7: connections.ec.local.id: the identity other.petrel.test is not in certificate ec.pem "
                + "(subject C=XX, O=Petrel, CN=ec.petrel.test, subjectAltNames [dns:ec.petrel.test]; RFC 4945 §3.1)",
                connection("ec", "pubkey", "").replace("id = ec.petrel.test", "id = other.petrel.test"));
        assertProblem(":5: connections.ec.local.auth: no signature scheme of this auth value fits the EC key of "
                + "certificate ec.pem", connection("ec", "rsa/pss", ""));
        Files.delete(dir.resolve("private/ec.key"));

        write("pkcs8/ec.pem", TestPki.encryptedPem(ec.privateKey(), PASSPHRASE.toCharArray()));
        ConfigException locked = assertThrows(ConfigException.class, () -> load(connection("ec", "pubkey", "")));
        assertEquals(dir.resolve("pkcs8/ec.pem") + ": the key is encrypted: give its passphrase in secrets.private<suffix> "
                + "{ file = ec.pem secret = ... } (rsa<suffix>, ecdsa<suffix>, pkcs8<suffix> for those folders)", locked.getMessage());
        ConfigException wrong = assertThrows(ConfigException.class, () -> load("connections {\n" + connection("ec", "pubkey", "")
                + "}\nsecrets {\n  pkcs8 {\n    file = ec.pem\n    secret = not-the-passphrase\n  }\n}\n"));
        assertEquals(dir.resolve("pkcs8/ec.pem") + ": cannot decrypt the key (wrong passphrase?)", wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not-the-passphrase"));
        assertNoKeyMaterial(locked.getMessage() + wrong.getMessage() + stackOf(wrong), ec);
        Files.delete(dir.resolve("pkcs8/ec.pem"));

        write("private/garbage.key", TestPki.pem(CA.certificate()));
        assertEquals(dir.resolve("private/garbage.key") + ": no private key in this PEM file (PKCS#8, PKCS#1 RSA or SEC1 EC)",
                assertThrows(ConfigException.class, () -> load(connection("ec", "pubkey", ""))).getMessage());
        Files.delete(dir.resolve("private/garbage.key"));

        write("x509ocsp/signer.pem", "x");
        assertEquals(dir.resolve("x509ocsp/signer.pem") + ": Petrel does not read x509ocsp/ yet (OCSP signer "
                + "certificates, attribute certificates and raw public keys are not supported)",
                assertThrows(ConfigException.class, () -> load(connection("ec", "pubkey", ""))).getMessage());
        assertTrue(Files.exists(conf));
    }

    /**
     * CRLs from x509crl/ and from an authority's file crl_uris, its OCSP responders and timeout, the remote round's
     * revocation policy, send_cert and send_certreq reach the connection; strongSwan's defaults where they are absent.
     * A second load is equal to the first, so that a reload keeps the connection.
     */
    @Test
    void revocationSourcesAndCertificatePoliciesReachTheConnection() throws Exception {
        writeEcWithItsCa();
        X509CRL folderCrl = CA.crl(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));
        X509CRL uriCrl = CA.crl(NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(1)));
        write("x509crl/ca.crl", TestPki.pem(folderCrl));
        Files.write(Files.createDirectories(dir.resolve("elsewhere")).resolve("ca.crl"), uriCrl.getEncoded());
        String text = "connections {\n" + connection("ec", "pubkey", "revocation = strict").replace("remote_addrs",
                "send_cert = always\n    send_certreq = no\n    remote_addrs") + connection("plain", "pubkey", "")
                .replace("certs = plain.pem", "certs = ec.pem").replace("id = plain.petrel.test", "") + "}\n"
                + "authorities {\n  ca {\n    cacert = ca.pem\n    crl_uris = file://" + dir.resolve("elsewhere/ca.crl")
                + "\n    ocsp_uris = http://127.0.0.1:8080/ocsp, https://ocsp.petrel.test/\n    ocsp_timeout = 2s\n  }\n}\n";
        GatewayConfig config = load(text);
        IkeConfig ike = config.connection("ec").orElseThrow().ike();
        assertEquals(new CertificatePolicy(CertificatePolicy.SendCert.ALWAYS, false), ike.certificates());
        Revocation revocation = ((TrustAnchors) ike.remoteAuth()).revocation();
        assertEquals(RevocationPolicy.STRICT, revocation.policy());
        assertEquals(List.of(uriCrl, folderCrl), revocation.crls());
        assertEquals(List.of(new Authority(CA.certificate(), List.of(URI.create("file://" + dir.resolve("elsewhere/ca.crl"))),
                List.of(URI.create("http://127.0.0.1:8080/ocsp"), URI.create("https://ocsp.petrel.test/")),
                Duration.ofSeconds(2))), revocation.authorities());
        assertEquals(HttpOcsp.INSTANCE, revocation.ocsp());
        IkeConfig plain = config.connection("plain").orElseThrow().ike();
        assertEquals(CertificatePolicy.DEFAULT, plain.certificates());
        assertEquals(RevocationPolicy.RELAXED, ((TrustAnchors) plain.remoteAuth()).revocation().policy());
        assertEquals(config.connections(), load(text).connections());
    }

    @Test
    void revocationProblemsNameFileLineAndKey() throws Exception {
        writeEcWithItsCa();
        String conn = connection("ec", "pubkey", "");
        assertProblem(":18: authorities.ca.crl_uris: 'http://crl.petrel.test/ca.crl': Petrel fetches no CRLs over http "
                + "or ldap; put the CRL into x509crl/, or name its file as file:///PATH", conn, "crl_uris = http://crl.petrel.test/ca.crl");
        assertProblem(":18: authorities.ca.ocsp_uris: 'ldap://ocsp.petrel.test' is no http:// or https:// URI of an "
                + "OCSP responder", conn, "ocsp_uris = ldap://ocsp.petrel.test");
        assertProblem(":18: authorities.ca.ocsp_timeout: the OCSP timeout blocks the IKE thread: 1s to 30s", conn,
                "ocsp_timeout = 1m");
        assertProblem(":18: authorities.ca.cert_uri_base: unsupported key", conn, "cert_uri_base = http://certs.petrel.test/");
        assertProblem(":11: connections.ec.remote.revocation: 'sometimes' is not one of strict, ifuri, relaxed",
                connection("ec", "pubkey", "revocation = sometimes"));
        assertProblem(":3: connections.ec.send_cert: 'yes' is not one of always, ifasked, never",
                connection("ec", "pubkey", "").replace("remote_addrs", "send_cert = yes\n    remote_addrs"));
        assertProblem(":11: connections.ec.remote.revocation: auth = psk: a revocation policy is for certificates "
                + "(auth = pubkey)", connection("ec", "pubkey", "revocation = strict").replace("auth = pubkey\n      revocation",
                "auth = psk\n      revocation"));
        write("x509crl/broken.crl", "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n");
        String broken = assertThrows(ConfigException.class, () -> load("connections {\n" + conn + "}\n")).getMessage();
        assertTrue(broken.startsWith(dir.resolve("x509crl/broken.crl") + ": " + dir.resolve("x509crl/broken.crl")
                + " is not an X.509 CRL (PEM or DER)"), broken);
    }

    /**
     * A PKCS#12 container in pkcs12/ with its passphrase from secrets.pkcs12: the connection's id names its
     * certificate (no certs), whose chain gives the intermediates; an OpenSSL legacy encrypted key in private/ with
     * secrets.private. A wrong or missing passphrase is an error naming the file, never the passphrase.
     */
    @Test
    void pkcs12ContainersAndLegacyEncryptedKeys() throws Exception {
        Issued intermediate = intermediate(KeyType.ECDSA_P256);
        Issued contained = host(intermediate, "p12", KeyType.RSA_2048);
        Issued legacy = host(CA, "legacy", KeyType.RSA_2048);
        write("x509ca/ca.pem", TestPki.pem(CA.certificate()));
        Files.write(Files.createDirectories(dir.resolve("pkcs12")).resolve("host.p12"), TestPki.pkcs12(contained,
                List.of(contained.certificate(), intermediate.certificate(), CA.certificate()), PASSPHRASE.toCharArray()));
        write("x509/legacy.pem", TestPki.pem(legacy.certificate()));
        write("private/legacy.pem", TestPki.legacyEncryptedPem(legacy.privateKey(), PASSPHRASE.toCharArray()));
        String connections = "connections {\n" + connection("p12", "pubkey", "").replace("      certs = p12.pem\n", "")
                + connection("legacy", "pubkey", "") + "}\n";
        String secrets = "secrets {\n  pkcs12-host {\n    file = host.p12\n    secret = \"%s\"\n  }\n"
                + "  private-legacy {\n    file = legacy.pem\n    secret = \"" + PASSPHRASE + "\"\n  }\n}\n";
        GatewayConfig config = load(connections + secrets.formatted(PASSPHRASE));
        CertificateAuth p12 = (CertificateAuth) config.connection("p12").orElseThrow().ike().localAuth();
        assertEquals(contained.certificate(), p12.certificate());
        assertEquals(List.of(intermediate.certificate()), p12.intermediates());
        assertTrue(SignatureScheme.pair(contained.certificate().getPublicKey(), p12.key()));
        CertificateAuth pem = (CertificateAuth) config.connection("legacy").orElseThrow().ike().localAuth();
        assertTrue(SignatureScheme.pair(legacy.certificate().getPublicKey(), pem.key()));
        assertNoKeyMaterial(config.toString(), contained, legacy);

        ConfigException wrong = assertThrows(ConfigException.class, () -> load(connections + secrets.formatted("guess")));
        assertEquals(dir.resolve("pkcs12/host.p12") + ": cannot decrypt the PKCS#12 container (wrong passphrase?)",
                wrong.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> load(connections
                + secrets.formatted(PASSPHRASE).replaceAll("(?s)  pkcs12-host \\{.*?\\}\n", "")));
        assertEquals(dir.resolve("pkcs12/host.p12") + ": the container is encrypted: give its passphrase in "
                + "secrets.pkcs12<suffix> { file = host.p12 secret = ... }", missing.getMessage());
        assertFalse((wrong.getMessage() + stackOf(wrong) + missing.getMessage()).contains(PASSPHRASE));
        assertProblem(":6: connections.p12.local.id: no certificate of x509/ or of a pkcs12/ container names "
                + "nobody.petrel.test and has its private key: name one with certs", connection("p12", "pubkey", "")
                .replace("      certs = p12.pem\n", "").replace("id = p12.petrel.test", "id = nobody.petrel.test")
                .replace("auth = pubkey\n      \n", "auth = pubkey\n"), secrets.formatted(PASSPHRASE));
    }

    /**
     * EAP-only (RFC 5998) with EAP-TLS: {@code local { auth = eap-tls }} with {@code remote { auth = eap-tls }}, the
     * certificate a responder presents in the TLS handshake being its local round's.
     */
    @Test
    void anEapOnlyEapTlsConnectionPresentsItsLocalRoundsCertificate() throws Exception {
        writeEcWithItsCa();
        IkeConfig ike = load("connections {\n" + connection("ec", "eap-tls", "").replace("auth = pubkey", "auth = eap-tls")
                + "}\n").connection("ec").orElseThrow().ike();
        EapCredentials ours = (EapCredentials) ike.localAuth();
        EapPolicy theirs = (EapPolicy) ike.remoteAuth();
        assertEquals(EapType.TLS, theirs.method());
        assertEquals(ours.tlsCertificate().certificate(), theirs.tlsCertificate().certificate());
        assertEquals(CA.certificate(), theirs.tlsAnchors().anchors().getFirst());
    }

    /** The CA in x509ca/, and a certificate for ec.petrel.test in x509/ with its key in private/. */
    private void writeEcWithItsCa() throws IOException {
        Issued ec = host(CA, "ec", KeyType.ECDSA_P256);
        write("x509ca/ca.pem", TestPki.pem(CA.certificate()));
        write("x509/ec.pem", TestPki.pem(ec.certificate()));
        write("private/ec.key", TestPki.pem(ec.privateKey()));
    }

    /** {@code connection}'s file with {@code authority} as the one line of authorities.ca (line 18). */
    private void assertProblem(String problem, String connection, String authority) throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load("connections {\n" + connection + "}\n"
                + (authority.startsWith("secrets") ? authority : "authorities {\n  ca {\n    cacert = ca.pem\n    "
                + authority + "\n  }\n}\n")));
        assertEquals(dir.resolve("swanctl.conf") + problem, e.getMessage());
    }

    private void assertProblem(String problem, String connection) throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load("connections {\n" + connection + "}\n"));
        assertEquals(dir.resolve("swanctl.conf") + problem, e.getMessage());
    }

    /** A connection {@code name} with certs = NAME.pem and id NAME.petrel.test; line 5 is its local auth. */
    private static String connection(String name, String auth, String remoteLine) {
        return """
                  %s {
                    remote_addrs = 192.0.2.2
                    local {
                      auth = %s
                      certs = %s.pem
                      id = %s.petrel.test
                    }
                    remote {
                      auth = pubkey
                      %s
                    }
                  }
                """.formatted(name, auth, name, name, remoteLine);
    }

    private GatewayConfig load(String text) throws IOException {
        Path conf = dir.resolve("swanctl.conf");
        Files.writeString(conf, text);
        return SwanctlConfig.load(conf);
    }

    private void write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static Issued intermediate(KeyType type) {
        return CA.issue("CN=Intermediate, O=Petrel, C=XX", type, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), true);
    }

    private static Issued host(Issued issuer, String name, KeyType type) {
        return issuer.issue("CN=" + name + ".petrel.test, O=Petrel, C=XX", type, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), false, "dns:" + name + ".petrel.test");
    }

    private static String name(Issued i) {
        String cn = i.certificate().getSubjectX500Principal().getName();
        return cn.substring(3, cn.indexOf('.'));
    }

    private static String stackOf(Throwable t) {
        var out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    /** No encoding of the private keys (PKCS#8 in hex or base64, the EC scalar, the RSA private exponent) in {@code text}. */
    private static void assertNoKeyMaterial(String text, Issued... keys) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (Issued i : keys) {
            byte[] pkcs8 = i.privateKey().getEncoded();
            byte[] tail = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 24, pkcs8.length);
            assertFalse(lower.contains(HexFormat.of().formatHex(tail)));
            assertFalse(text.contains(Base64.getEncoder().encodeToString(tail)));
            BigInteger secret = i.privateKey() instanceof ECPrivateKey k ? k.getS()
                    : i.privateKey() instanceof RSAPrivateCrtKey k ? k.getPrivateExponent() : null;
            if (secret != null) {
                assertFalse(lower.contains(secret.toString().substring(0, 20)));
                assertFalse(lower.contains(secret.toString(16).substring(0, 20)));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
