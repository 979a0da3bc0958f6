package dev.petrel.ike.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.ike.AuthMethod;
import dev.petrel.wire.ike.AuthenticationPayload;
import dev.petrel.wire.ike.HashAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureAuthTest {
    private static final byte[] OCTETS = "RealMessage1 | NonceRData | prf(SK_pi, IDi')".getBytes(StandardCharsets.US_ASCII);
    private static final Set<HashAlgorithm> ALL = EnumSet.of(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384,
            HashAlgorithm.SHA2_512, HashAlgorithm.IDENTITY);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Issued CA = TestPki.ca("CN=CA", KeyType.ECDSA_P256, NOW.minusSeconds(86_400), NOW.plusSeconds(86_400));

    /** RFC 7427 §3 with the first of our schemes the peer announced; AUTH data = length | AlgorithmIdentifier | signature. */
    @ParameterizedTest
    @CsvSource({
        "ECDSA_P256, 'SHA2_256,SHA2_384', ECDSA_SHA256",
        "ECDSA_P256, SHA2_512, ECDSA_SHA512",
        "ECDSA_P384, 'SHA2_256,SHA2_384,SHA2_512', ECDSA_SHA384",
        "RSA_2048, 'SHA2_256,SHA2_512', RSA_PKCS1_SHA256",
        "ED25519, 'SHA2_256,IDENTITY', ED25519",
    })
    void digitalSignatureWithAnAnnouncedHash(KeyType type, String announced, SignatureScheme expected) throws Exception {
        CertificateAuth ours = auth(type);
        Set<HashAlgorithm> hashes = EnumSet.noneOf(HashAlgorithm.class);
        Arrays.stream(announced.split(",")).map(HashAlgorithm::valueOf).forEach(hashes::add);
        AuthenticationPayload auth = SignatureAuth.sign(ours, hashes, OCTETS, RANDOM);
        assertEquals(AuthMethod.DIGITAL_SIGNATURE.value(), auth.method());
        byte[] algorithm = expected.algorithmIdentifier().orElseThrow();
        assertEquals(algorithm.length, auth.data()[0]);
        assertEquals(HexFormat.of().formatHex(algorithm),
                HexFormat.of().formatHex(Arrays.copyOfRange(auth.data(), 1, 1 + algorithm.length)));
        assertDoesNotThrow(() -> SignatureAuth.verify(ours.certificate(), auth, OCTETS));
    }

    /** A peer without SIGNATURE_HASH_ALGORITHMS gets the classic method for our key, as strongSwan sends it. */
    @ParameterizedTest
    @CsvSource({"ECDSA_P256, ECDSA_SHA256_P256, 64", "ECDSA_P384, ECDSA_SHA384_P384, 96",
        "ECDSA_P521, ECDSA_SHA512_P521, 132", "RSA_2048, RSA_DIGITAL_SIGNATURE, 256"})
    void classicMethodsWithoutAnnouncedHashes(KeyType type, AuthMethod method, int length) throws Exception {
        CertificateAuth ours = auth(type);
        AuthenticationPayload auth = SignatureAuth.sign(ours, null, OCTETS, RANDOM);
        assertEquals(method.value(), auth.method());
        assertEquals(length, auth.data().length);
        assertDoesNotThrow(() -> SignatureAuth.verify(ours.certificate(), auth, OCTETS));
    }

    @Test
    void whatCannotBeSignedIsExplained() {
        assertEquals("the peer announced no SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4), and our EdDSA key signs with no "
                + "other AUTH method", assertThrows(AuthenticationException.class,
                        () -> SignatureAuth.sign(auth(KeyType.ED25519), null, OCTETS, RANDOM)).getMessage());
        assertEquals("the peer announced the signature hashes [SHA1], and none is one of our schemes [ECDSA_SHA256, "
                + "ECDSA_SHA384, ECDSA_SHA512]", assertThrows(AuthenticationException.class,
                        () -> SignatureAuth.sign(auth(KeyType.ECDSA_P256), EnumSet.of(HashAlgorithm.SHA1), OCTETS,
                                RANDOM)).getMessage());
    }

    @Test
    void everyRefusalNamesTheCheck() throws Exception {
        CertificateAuth ours = auth(KeyType.ECDSA_P256);
        byte[] good = SignatureAuth.sign(ours, ALL, OCTETS, RANDOM).data();
        byte[] sha1Rsa = HexFormat.of().parseHex("300d06092a864886f70d0101050500");
        assertRefused(ours, new AuthenticationPayload(14, ByteBuffer.allocate(1 + sha1Rsa.length + 8)
                .put((byte) sha1Rsa.length).put(sha1Rsa).array()), "the peer signed with AlgorithmIdentifier "
                + "300d06092a864886f70d0101050500, no signature scheme Petrel knows (RFC 7427 §3)");
        assertRefused(ours, new AuthenticationPayload(14, new byte[] {12, 0x30}), "the peer's Digital Signature AUTH "
                + "data is too short for its AlgorithmIdentifier (RFC 7427 §3)");
        assertRefused(ours, new AuthenticationPayload(14,
                SignatureAuth.sign(auth(KeyType.RSA_2048), ALL, OCTETS, RANDOM).data()),
                "the peer signed with RSA_PKCS1_SHA256, which does not fit the EC key of its certificate C=XX, CN=left");
        byte[] tampered = good.clone();
        tampered[tampered.length - 5] ^= 1;
        assertRefused(ours, new AuthenticationPayload(14, tampered), "the peer's AUTH (ECDSA_SHA256) does not verify "
                + "with the key of its certificate C=XX, CN=left");
        assertRefused(ours, new AuthenticationPayload(2, new byte[32]), "the peer authenticated with "
                + "SHARED_KEY_MESSAGE_INTEGRITY_CODE, the connection expects a signature with certificate C=XX, CN=left");
        assertRefused(ours, new AuthenticationPayload(10, SignatureAuth.sign(ours, null, OCTETS, RANDOM).data()),
                "the peer signed with ECDSA_P384_SHA384, which does not fit the EC key");
    }

    private static void assertRefused(CertificateAuth ours, AuthenticationPayload auth, String explanation) {
        String message = assertThrows(AuthenticationException.class,
                () -> SignatureAuth.verify(ours.certificate(), auth, OCTETS)).getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(message.startsWith(explanation), message);
    }

    private static CertificateAuth auth(KeyType type) {
        Issued cert = CA.issue("CN=left, C=XX", type, NOW.minusSeconds(3600), NOW.plusSeconds(3600), false, "dns:left");
        return new CertificateAuth(cert.certificate(), List.of(), cert.privateKey());
    }
}
