package dev.petrel.crypto.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.pki.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {
    private static final byte[] DATA = "InitiatorSignedOctets".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * RFC 7427 Appendix A: the AlgorithmIdentifier octets of sha256/384/512WithRSAEncryption (A.1.2-A.1.4),
     * ecdsa-with-sha256/384/512 (A.3.2-A.3.4) and RSASSA-PSS with SHA-256 (A.4.3, MGF1 with SHA-256, 32-octet salt);
     * the PSS ones with SHA-384 and SHA-512 follow A.4.3 with the hash and salt changed, and Ed25519's is RFC 8420
     * §2's (id-Ed25519, no parameters).
     */
    @ParameterizedTest
    @CsvSource({
        "RSA_PKCS1_SHA256, 300d06092a864886f70d01010b0500",
        "RSA_PKCS1_SHA384, 300d06092a864886f70d01010c0500",
        "RSA_PKCS1_SHA512, 300d06092a864886f70d01010d0500",
        "ECDSA_SHA256, 300a06082a8648ce3d040302",
        "ECDSA_SHA384, 300a06082a8648ce3d040303",
        "ECDSA_SHA512, 300a06082a8648ce3d040304",
        "RSA_PSS_SHA256, 304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108"
                + "300d06096086480165030402010500a203020120",
        "ED25519, 300506032b6570",
    })
    void algorithmIdentifiersAreRfc7427AppendixA(SignatureScheme scheme, String rfc) {
        assertEquals(rfc, HexFormat.of().formatHex(scheme.algorithmIdentifier().orElseThrow()));
        assertEquals(Optional.of(scheme), SignatureScheme.ofAlgorithmIdentifier(HexFormat.of().parseHex(rfc)));
    }

    /** The same octets from an independent encoder, BouncyCastle's ASN.1 classes. */
    @ParameterizedTest
    @EnumSource(value = SignatureScheme.class, names = {"RSA_PKCS1_SHA1", "ECDSA_P256_SHA256", "ECDSA_P384_SHA384",
        "ECDSA_P521_SHA512"}, mode = EnumSource.Mode.EXCLUDE)
    void algorithmIdentifiersMatchBouncyCastle(SignatureScheme scheme) throws Exception {
        AlgorithmIdentifier expected = switch (scheme) {
            case RSA_PKCS1_SHA256 -> new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
            case RSA_PKCS1_SHA384 -> new AlgorithmIdentifier(PKCSObjectIdentifiers.sha384WithRSAEncryption, DERNull.INSTANCE);
            case RSA_PKCS1_SHA512 -> new AlgorithmIdentifier(PKCSObjectIdentifiers.sha512WithRSAEncryption, DERNull.INSTANCE);
            case RSA_PSS_SHA256 -> pss(NISTObjectIdentifiers.id_sha256, 32);
            case RSA_PSS_SHA384 -> pss(NISTObjectIdentifiers.id_sha384, 48);
            case RSA_PSS_SHA512 -> pss(NISTObjectIdentifiers.id_sha512, 64);
            case ECDSA_SHA256 -> new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            case ECDSA_SHA384 -> new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384);
            case ECDSA_SHA512 -> new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA512);
            case ED25519 -> new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
            default -> throw new AssertionError(scheme);
        };
        assertArrayEquals(expected.getEncoded("DER"), scheme.algorithmIdentifier().orElseThrow());
    }

    /** RFC 4055 §2.1: hash AlgorithmIdentifiers with absent parameters are accepted as well as with NULL. */
    @Test
    void variantsOfTheSameSchemeAreRecognised() throws Exception {
        assertEquals(Optional.of(SignatureScheme.RSA_PKCS1_SHA256),
                SignatureScheme.ofAlgorithmIdentifier(HexFormat.of().parseHex("300b06092a864886f70d01010b")));
        AlgorithmIdentifier noNulls = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384),
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384)),
                new org.bouncycastle.asn1.ASN1Integer(48), new org.bouncycastle.asn1.ASN1Integer(1)));
        assertEquals(Optional.of(SignatureScheme.RSA_PSS_SHA384), SignatureScheme.ofAlgorithmIdentifier(noNulls.getEncoded("DER")));
    }

    @Test
    void unknownOrMalformedIdentifiersAreNoScheme() throws Exception {
        List<byte[]> refused = List.of(
                HexFormat.of().parseHex("300d06092a864886f70d0101050500"), // sha1WithRSAEncryption: no Digital Signature scheme here
                pss(NISTObjectIdentifiers.id_sha256, 20).getEncoded("DER"), // salt of 20 octets
                HexFormat.of().parseHex("300a06082a8648ce3d0403020500"), // trailing octets
                HexFormat.of().parseHex("300c06082a8648ce3d0403020500"), // ECDSA with NULL parameters
                new byte[0], new byte[] {0x30}, new byte[] {0x30, (byte) 0x85, 1, 2, 3, 4, 5});
        for (byte[] der : refused) {
            assertEquals(Optional.empty(), SignatureScheme.ofAlgorithmIdentifier(der), HexFormat.of().formatHex(der));
        }
        Random random = new Random(7427);
        for (int i = 0; i < 2_000; i++) {
            byte[] der = SignatureScheme.values()[i % 10].algorithmIdentifier().orElseThrow();
            der = Arrays.copyOf(der, random.nextInt(der.length + 2));
            if (der.length > 0) {
                der[random.nextInt(der.length)] ^= (byte) (1 << random.nextInt(8));
            }
            SignatureScheme.ofAlgorithmIdentifier(der); // never throws
        }
    }

    @ParameterizedTest
    @CsvSource({
        "ECDSA_P256, ECDSA_SHA256", "ECDSA_P256, ECDSA_SHA512", "ECDSA_P256, ECDSA_P256_SHA256",
        "ECDSA_P384, ECDSA_SHA384", "ECDSA_P384, ECDSA_P384_SHA384", "ECDSA_P521, ECDSA_P521_SHA512",
        "RSA_2048, RSA_PKCS1_SHA256", "RSA_2048, RSA_PSS_SHA256", "RSA_2048, RSA_PSS_SHA512", "RSA_2048, RSA_PKCS1_SHA1",
        "ED25519, ED25519",
    })
    void signsAndVerifiesWithTheJca(KeyType type, SignatureScheme scheme) {
        KeyPair keys = type.generate();
        assertTrue(scheme.fits(keys.getPublic()) && scheme.fits(keys.getPrivate()));
        byte[] signature = scheme.sign(keys.getPrivate(), DATA, RANDOM);
        assertTrue(scheme.verify(keys.getPublic(), DATA, signature));
        byte[] tampered = DATA.clone();
        tampered[0] ^= 1;
        assertFalse(scheme.verify(keys.getPublic(), tampered, signature));
        assertFalse(scheme.verify(keys.getPublic(), DATA, Arrays.copyOf(signature, signature.length - 1)));
    }

    /** ECDSA's k and RSASSA-PSS's salt come from the randomness given: seeded alike, it signs alike. */
    @ParameterizedTest
    @CsvSource({"ECDSA_P256, ECDSA_SHA256", "ECDSA_P256, ECDSA_P256_SHA256", "RSA_2048, RSA_PSS_SHA256"})
    void randomizedSchemesDrawOnTheRandomnessGiven(KeyType type, SignatureScheme scheme) throws Exception {
        KeyPair keys = type.generate();
        byte[] first = scheme.sign(keys.getPrivate(), DATA, seeded(7));
        assertArrayEquals(first, scheme.sign(keys.getPrivate(), DATA, seeded(7)));
        assertFalse(Arrays.equals(first, scheme.sign(keys.getPrivate(), DATA, seeded(8))));
    }

    private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        return random;
    }

    /** RFC 4754: r || s, each as long as the curve's order. */
    @Test
    void classicEcdsaIsFixedLengthAndCurveBound() {
        KeyPair p256 = KeyType.ECDSA_P256.generate();
        assertEquals(64, SignatureScheme.ECDSA_P256_SHA256.sign(p256.getPrivate(), DATA, RANDOM).length);
        assertTrue(SignatureScheme.ECDSA_P256_SHA256.fits(p256.getPublic()));
        assertFalse(SignatureScheme.ECDSA_P384_SHA384.fits(p256.getPublic()));
        assertFalse(SignatureScheme.RSA_PKCS1_SHA256.fits(p256.getPublic()));
        assertFalse(SignatureScheme.ED25519.fits(p256.getPublic()));
        assertEquals(132, SignatureScheme.ECDSA_P521_SHA512.sign(KeyType.ECDSA_P521.generate().getPrivate(), DATA, RANDOM).length);
    }

    /** strongSwan's order: the hash matching the key's strength first, then the stronger ones. */
    @Test
    void preferredSchemesFollowTheKeyStrength() {
        assertEquals(List.of(SignatureScheme.ECDSA_SHA256, SignatureScheme.ECDSA_SHA384, SignatureScheme.ECDSA_SHA512),
                SignatureScheme.preferredFor(KeyType.ECDSA_P256.generate().getPublic(), false));
        assertEquals(List.of(SignatureScheme.ECDSA_SHA512),
                SignatureScheme.preferredFor(KeyType.ECDSA_P521.generate().getPrivate(), true));
        KeyPair rsa = KeyType.RSA_2048.generate();
        assertEquals(List.of(SignatureScheme.RSA_PSS_SHA256, SignatureScheme.RSA_PSS_SHA384, SignatureScheme.RSA_PSS_SHA512),
                SignatureScheme.preferredFor(rsa.getPublic(), true));
        assertEquals(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.preferredFor(rsa.getPrivate(), false).getFirst());
        assertEquals(List.of(SignatureScheme.ED25519), SignatureScheme.preferredFor(KeyType.ED25519.generate().getPublic(), false));
    }

    @Test
    void keysPairOnlyWithTheirOtherHalf() {
        KeyPair a = KeyType.ECDSA_P256.generate();
        KeyPair b = KeyType.ECDSA_P256.generate();
        KeyPair rsa = KeyType.RSA_2048.generate();
        KeyPair ed = KeyType.ED25519.generate();
        assertTrue(SignatureScheme.pair(a.getPublic(), a.getPrivate()));
        assertTrue(SignatureScheme.pair(rsa.getPublic(), rsa.getPrivate()));
        assertTrue(SignatureScheme.pair(ed.getPublic(), ed.getPrivate()));
        assertFalse(SignatureScheme.pair(a.getPublic(), b.getPrivate()));
        assertFalse(SignatureScheme.pair(a.getPublic(), rsa.getPrivate()));
        assertFalse(SignatureScheme.pair(ed.getPublic(), KeyType.ED25519.generate().getPrivate()));
    }

    private static AlgorithmIdentifier pss(ASN1ObjectIdentifier hash, int salt) {
        AlgorithmIdentifier digest = new AlgorithmIdentifier(hash, DERNull.INSTANCE);
        return new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(digest,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, digest), new org.bouncycastle.asn1.ASN1Integer(salt),
                new org.bouncycastle.asn1.ASN1Integer(1)));
    }
}
