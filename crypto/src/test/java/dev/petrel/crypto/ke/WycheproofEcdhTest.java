package dev.petrel.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.testkit.vectors.Wycheproof;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof ECDH vectors through {@link DiffieHellman#agree}, our validation and agreement. IKE carries only x || y
 * of an uncompressed point on the negotiated curve (RFC 5903 §7), so compressed points, other point encodings and
 * keys with explicit or foreign curve parameters are not applicable: no KE payload can carry them.
 */
class WycheproofEcdhTest {

    /** Files whose public key is a bare X9.62 point: 04 || x || y is applicable as x || y. */
    @ParameterizedTest
    @CsvSource({
        "ecdh_secp256r1_ecpoint_test.json, ECP_256, 330, 16, 0, 9",
        "ecdh_secp384r1_ecpoint_test.json, ECP_384, 771, 16, 0, 3",
        "ecdh_secp521r1_ecpoint_test.json, ECP_521, 632, 16, 0, 13"})
    void ecpoint(String file, EcpGroup group, int valid, int invalid, int acceptable, int notApplicable)
            throws Exception {
        Tally tally = new Tally(file);
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            byte[] point = c.bytes("public");
            if (point.length == 0 || point[0] != 0x04) {
                assertFalse(c.isValid(), c::toString);
                tally.notApplicable();
                continue;
            }
            check(group, c, Arrays.copyOfRange(point, 1, point.length));
            tally.ran(c);
        }
        tally.assertCounts(valid, invalid, acceptable, notApplicable);
    }

    /**
     * Files whose public key is an X.509 SubjectPublicKeyInfo: applicable when the JDK decodes it to a key on our
     * curve, whose x || y we then feed to our code.
     */
    @ParameterizedTest
    @CsvSource({
        "ecdh_secp256r1_test.json, ECP_256, 330, 18, 15, 249",
        "ecdh_secp384r1_test.json, ECP_384, 771, 18, 15, 243"})
    void subjectPublicKeyInfo(String file, EcpGroup group, int valid, int invalid, int acceptable,
            int notApplicable) throws Exception {
        ECParameterSpec ours = EcpTest.parameters(group);
        Tally tally = new Tally(file);
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            Optional<ECPublicKey> key = decode(c.bytes("public"))
                    .filter(k -> sameCurve(ours, k.getParams()));
            if (key.isEmpty()) {
                assertFalse(c.isValid(), c::toString);
                tally.notApplicable();
                continue;
            }
            int n = group.publicValueLength() / 2;
            byte[] xy = new byte[2 * n];
            BigInteger x = key.get().getW().getAffineX();
            BigInteger y = key.get().getW().getAffineY();
            if (x.bitLength() > 8 * n || y.bitLength() > 8 * n) {
                assertFalse(c.isValid(), c::toString);
                tally.notApplicable();
                continue;
            }
            System.arraycopy(Octets.bigEndian(x, n), 0, xy, 0, n);
            System.arraycopy(Octets.bigEndian(y, n), 0, xy, n, n);
            check(group, c, xy);
            tally.ran(c);
        }
        tally.assertCounts(valid, invalid, acceptable, notApplicable);
    }

    /** valid: our secret is the vector's; invalid: refused; acceptable: refused, or the vector's secret. */
    private static void check(EcpGroup group, Wycheproof.Case c, byte[] peerValue) throws Exception {
        var privateKey = EcpTest.privateKey(group, new BigInteger(1, c.bytes("private")));
        if (c.isInvalid()) {
            assertThrows(InvalidKeyExchangeValueException.class,
                    () -> DiffieHellman.agree(group, privateKey, peerValue), c::toString);
            return;
        }
        byte[] secret;
        try {
            secret = DiffieHellman.agree(group, privateKey, peerValue);
        } catch (InvalidKeyExchangeValueException e) {
            if (c.isValid()) {
                throw new AssertionError(c + " was refused", e);
            }
            return;
        }
        assertArrayEquals(c.bytes("shared"), secret, c::toString);
    }

    private static Optional<ECPublicKey> decode(byte[] spki) {
        try {
            return Optional.of((ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }
}
