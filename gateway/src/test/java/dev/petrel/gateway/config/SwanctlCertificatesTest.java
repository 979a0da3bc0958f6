package dev.petrel.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.gateway.config.swanctl.SwanctlConfig;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.testkit.Skip;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.testkit.vectors.ProjectPaths;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
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
        Issued intermediate = CA.issue("CN=Intermediate, O=Petrel, C=XX", KeyType.ECDSA_P384, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), true);
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
        assertProblem(":6: connections.ec.local.certs: no private key in private/, rsa/, ecdsa/, pkcs8/ or secrets "
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

        write("x509crl/ca.crl", "x");
        assertEquals(dir.resolve("x509crl/ca.crl") + ": Petrel does not read x509crl/ yet (CRLs, OCSP, attribute "
                + "certificates, raw public keys and PKCS#12 are a later issue)",
                assertThrows(ConfigException.class, () -> load(connection("ec", "pubkey", ""))).getMessage());
        assertTrue(Files.exists(conf));
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
