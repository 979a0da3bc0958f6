package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.NOT_ON_CURVE;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.OUT_OF_RANGE;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.POINT_AT_INFINITY;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.WRONG_LENGTH;
import static dev.petrel.crypto.ke.Rejections.assertRejectedInBothRoles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.petrel.testkit.vectors.Hex;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EcpTest {

    static ECParameterSpec parameters(EcpGroup group) throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init((ECGenParameterSpec) group.keyPairParameters());
        return params.getParameterSpec(ECParameterSpec.class);
    }

    static PrivateKey privateKey(EcpGroup group, BigInteger s) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, parameters(group)));
    }

    /** One RFC 5903 §8 test: both private keys, both public values (x || y) and the shared x coordinate. */
    private record Rfc5903Vector(EcpGroup group, String i, String gi, String r, String gr, String girx) {
        void check() throws Exception {
            byte[] expected = Hex.decode(girx);
            assertArrayEquals(expected,
                    DiffieHellman.agree(group, privateKey(group, new BigInteger(1, Hex.decode(i))), Hex.decode(gr)));
            assertArrayEquals(expected,
                    DiffieHellman.agree(group, privateKey(group, new BigInteger(1, Hex.decode(r))), Hex.decode(gi)));
            // Our encoding of the JDK's public key gives back the RFC's Key Exchange Data.
            byte[] giBytes = Hex.decode(gi);
            int half = giBytes.length / 2;
            var point = new ECPoint(new BigInteger(1, Arrays.copyOf(giBytes, half)),
                    new BigInteger(1, Arrays.copyOfRange(giBytes, half, giBytes.length)));
            var publicKey = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, parameters(group)));
            assertArrayEquals(giBytes, group.encode(publicKey));
        }
    }

    @Test
    void rfc5903Section8_1() throws Exception {
        new Rfc5903Vector(EcpGroup.ECP_256,
                "C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433",
                "DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180"
                        + "5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3",
                "C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53",
                "D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63"
                        + "56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB",
                "D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE").check();
    }

    @Test
    void rfc5903Section8_2() throws Exception {
        new Rfc5903Vector(EcpGroup.ECP_384,
                "099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655"
                        + "E35B5380 41E649EE 3FAEF896 783AB194",
                "667842D7 D180AC2C DE6F74F3 7551F557 55C7645C 20EF73E3 1634FE72 B4C55EE6"
                        + "DE3AC808 ACB4BDB4 C88732AE E95F41AA"
                        + "9482ED1F C0EEB9CA FC498462 5CCFC23F 65032149 E0E144AD A0241815 35A0F38E"
                        + "EB9FCFF3 C2C947DA E69B4C63 4573A81C",
                "41CB0779 B4BDB85D 47846725 FBEC3C94 30FAB46C C8DC5060 855CC9BD A0AA2942"
                        + "E0308312 916B8ED2 960E4BD5 5A7448FC",
                "E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D"
                        + "0D1AC43A 0336DEF9 6FDA41D0 774A3571"
                        + "DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF"
                        + "F83FA401 42209DFF 5EAAD96D B9E6386C",
                "11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4"
                        + "D6031355 69B9E9D0 9CF5D4A2 70F59746").check();
    }

    @Test
    void rfc5903Section8_3() throws Exception {
        new Rfc5903Vector(EcpGroup.ECP_521,
                "0037ADE9 319A89F4 DABDB3EF 411AACCC A5123C61 ACAB57B5 393DCE47 608172A0"
                        + "95AA85A3 0FE1C295 2C6771D9 37BA9777 F5957B26 39BAB072 462F68C2 7A57382D"
                        + "4A52",
                "0015417E 84DBF28C 0AD3C278 713349DC 7DF153C8 97A1891B D98BAB43 57C9ECBE"
                        + "E1E3BF42 E00B8E38 0AEAE57C 2D107564 94188594 2AF5A7F4 601723C4 195D176C"
                        + "ED3E"
                        + "017CAE20 B6641D2E EB695786 D8C94614 6239D099 E18E1D5A 514C739D 7CB4A10A"
                        + "D8A78801 5AC405D7 799DC75E 7B7D5B6C F2261A6A 7F150743 8BF01BEB 6CA3926F"
                        + "9582",
                "0145BA99 A847AF43 793FDD0E 872E7CDF A16BE30F DC780F97 BCCC3F07 8380201E"
                        + "9C677D60 0B343757 A3BDBF2A 3163E4C2 F869CCA7 458AA4A4 EFFC311F 5CB15168"
                        + "5EB9",
                "00D0B397 5AC4B799 F5BEA16D 5E13E9AF 971D5E9B 984C9F39 728B5E57 39735A21"
                        + "9B97C356 436ADC6E 95BB0352 F6BE64A6 C2912D4E F2D0433C ED2B6171 640012D9"
                        + "460F"
                        + "015C6822 6383956E 3BD066E7 97B623C2 7CE0EAC2 F551A10C 2C724D98 52077B87"
                        + "220B6536 C5C408A1 D2AEBB8E 86D678AE 49CB5709 1F473229 6579AB44 FCD17F0F"
                        + "C56A",
                "01144C7D 79AE6956 BC8EDB8E 7C787C45 21CB086F A64407F9 7894E5E6 B2D79B04"
                        + "D1427E73 CA4BAA24 0A347868 59810C06 B3C715A3 A8CC3151 F2BEE417 996D19F3"
                        + "DDEA").check();
    }

    private static byte[] point(EcpGroup group, BigInteger x, BigInteger y) {
        int n = group.publicValueLength() / 2;
        byte[] out = new byte[2 * n];
        System.arraycopy(Octets.bigEndian(x, n), 0, out, 0, n);
        System.arraycopy(Octets.bigEndian(y, n), 0, out, n, n);
        return out;
    }

    /** RFC 6989 §2.3, every check, by either role. */
    @ParameterizedTest
    @EnumSource(EcpGroup.class)
    void refusesInvalidPoints(EcpGroup group) throws Exception {
        ECParameterSpec params = parameters(group);
        BigInteger p = ((java.security.spec.ECFieldFp) params.getCurve().getField()).getP();
        BigInteger gx = params.getGenerator().getAffineX();
        BigInteger gy = params.getGenerator().getAffineY();
        var method = group.method();

        assertRejectedInBothRoles(method, POINT_AT_INFINITY, point(group, BigInteger.ZERO, BigInteger.ZERO));
        assertRejectedInBothRoles(method, NOT_ON_CURVE, point(group, gx, gy.add(BigInteger.ONE)));
        assertRejectedInBothRoles(method, NOT_ON_CURVE, point(group, BigInteger.ZERO, BigInteger.ONE));
        assertRejectedInBothRoles(method, OUT_OF_RANGE, point(group, p, gy));
        assertRejectedInBothRoles(method, OUT_OF_RANGE, point(group, gx, p));
        BigInteger allOnes = BigInteger.ONE.shiftLeft(group.publicValueLength() * 4).subtract(BigInteger.ONE);
        assertRejectedInBothRoles(method, OUT_OF_RANGE, point(group, allOnes, allOnes));
        if (gy.add(p).compareTo(allOnes) <= 0) {
            // Only P-521 leaves room in its 66 octets for G's y + p, which is G's y modulo p.
            assertRejectedInBothRoles(method, OUT_OF_RANGE, point(group, gx, gy.add(p)));
        }
        // -G = (x, p - y) is a valid point.
        KeyExchanges.create(method, TestRandom.seeded(1)).respond(point(group, gx, p.subtract(gy)));

        byte[] g = point(group, gx, gy);
        assertRejectedInBothRoles(method, WRONG_LENGTH, new byte[0]);
        assertRejectedInBothRoles(method, WRONG_LENGTH, Arrays.copyOf(g, g.length - 1));
        assertRejectedInBothRoles(method, WRONG_LENGTH, Arrays.copyOf(g, g.length + 1));
        byte[] uncompressed = new byte[g.length + 1];
        uncompressed[0] = 0x04;
        System.arraycopy(g, 0, uncompressed, 1, g.length);
        assertRejectedInBothRoles(method, WRONG_LENGTH, uncompressed);
    }
}
