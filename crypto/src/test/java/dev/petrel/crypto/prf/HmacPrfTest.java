package dev.petrel.crypto.prf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HMAC-SHA2 known answers. RFC 4231 §4 (all seven cases, case 5 truncated to 128 bits) through the PRFs, which take
 * keys of any length; its cases 1-4, 6 and 7 are also the PRF test vectors of RFC 4868 §2.7.1. RFC 4868 §2.7.2
 * (keys of the hash length) through both the PRF and the truncated integrity transform.
 */
class HmacPrfTest {
    private static final String AA131 = "aa".repeat(131);

    static Stream<Arguments> rfc4231() {
        return Stream.of(
                // name, key, data, prf, expected (truncated to its own length)
                rfc4231(1, "0b".repeat(20), "4869205468657265",
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                        "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
                        "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4"
                                + "be9d914eeb61f1702e696c203a126854"),
                rfc4231(2, "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                        "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
                        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fd"
                                + "caeab1a34d4a6b4b636e070a38bce737"),
                rfc4231(3, "aa".repeat(20), "dd".repeat(50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                        "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
                        "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807"
                                + "b946a337bee8942674278859e13292fb"),
                rfc4231(4, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cd".repeat(50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                        "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
                        "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063"
                                + "a5f19741120c4f2de2adebeb10a298dd"),
                // Test case 5: output truncated to 128 bits.
                rfc4231(5, "0c".repeat(20), "546573742057697468205472756e636174696f6e",
                        "a3b6167473100ee06e0c796c2955552b",
                        "3abf34c3503b2a23a46efc619baef897",
                        "415fad6271580a531d4179bc891d87a6"),
                rfc4231(6, AA131,
                        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579"
                                + "204669727374",
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                        "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
                        "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e52"
                                + "95e64f73f63f0aec8b915a985d786598"),
                rfc4231(7, AA131,
                        "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b65"
                                + "7920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565"
                                + "647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c"
                                + "676f726974686d2e",
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                        "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e",
                        "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15"
                                + "134676fb6de0446065c97440fa8c6a58"))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> rfc4231(int testCase, String key, String data, String sha256, String sha384,
            String sha512) {
        return Stream.of(
                Arguments.of("case " + testCase, PseudorandomFunction.PRF_HMAC_SHA2_256, key, data, sha256),
                Arguments.of("case " + testCase, PseudorandomFunction.PRF_HMAC_SHA2_384, key, data, sha384),
                Arguments.of("case " + testCase, PseudorandomFunction.PRF_HMAC_SHA2_512, key, data, sha512));
    }

    @ParameterizedTest(name = "RFC 4231 {0} {1}")
    @MethodSource("rfc4231")
    void rfc4231ThroughPrf(String name, PseudorandomFunction id, String key, String data, String expected) {
        byte[] want = Hex.decode(expected);
        byte[] out = Transforms.prf(id).compute(Hex.decode(key), Hex.decode(data));
        assertEquals(Transforms.prf(id).outputLength(), out.length);
        assertArrayEquals(want, Arrays.copyOf(out, want.length));
    }

    static Stream<Arguments> rfc4868Authenticator() {
        String hiThere = "4869205468657265";
        String whatDoYaWant = "7768617420646f2079612077616e7420666f72206e6f7468696e673f";
        String dd50 = "dd".repeat(50);
        String cd50 = "cd".repeat(50);
        String jefe = "4a656665".repeat(4);
        String counting32 = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
        var sha256 = IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
        var sha384 = IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192;
        var sha512 = IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256;
        var prf256 = PseudorandomFunction.PRF_HMAC_SHA2_256;
        var prf384 = PseudorandomFunction.PRF_HMAC_SHA2_384;
        var prf512 = PseudorandomFunction.PRF_HMAC_SHA2_512;
        return Stream.of(
                Arguments.of("AUTH256-1", sha256, prf256, "0b".repeat(32), hiThere,
                        "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"),
                Arguments.of("AUTH256-2", sha256, prf256, jefe + jefe, whatDoYaWant,
                        "167f928588c5cc2eef8e3093caa0e87c9ff566a14794aa61648d81621a2a40c6"),
                Arguments.of("AUTH256-3", sha256, prf256, "aa".repeat(32), dd50,
                        "cdcb1220d1ecccea91e53aba3092f962e549fe6ce9ed7fdc43191fbde45c30b0"),
                Arguments.of("AUTH256-4", sha256, prf256, counting32, cd50,
                        "372efcf9b40b35c2115b1346903d2ef42fced46f0846e7257bb156d3d7b30d3f"),
                Arguments.of("AUTH384-1", sha384, prf384, "0b".repeat(48), hiThere,
                        "b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee9737a959796489bddbc4c5df61d5b3297b4fb68dab9f1b582c2"),
                Arguments.of("AUTH384-2", sha384, prf384, jefe + jefe + jefe, whatDoYaWant,
                        "2c7353974f1842fd66d53c452ca42122b28c0b594cfb184da86a368e9b8e16f5349524ca4e82400cbde0686d403371c9"),
                Arguments.of("AUTH384-3", sha384, prf384, "aa".repeat(48), dd50,
                        "809f439be00274321d4a538652164b53554a508184a0c3160353e3428597003d35914a18770f9443987054944b7c4b4a"),
                Arguments.of("AUTH384-4", sha384, prf384, counting32 + "0a0b0c0d0e0f10111213141516171819", cd50,
                        "5b540085c6e6358096532b2493609ed1cb298f774f87bb5c2ebf182c83cc7428707fb92eab2536a5812258228bc96687"),
                Arguments.of("AUTH512-1", sha512, prf512, "0b".repeat(64), hiThere,
                        "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8"
                                + "ac2878ebd5803f6f0b61dbce5e251ff8789a4722c1be65aea45fd464e89f8f5b"),
                Arguments.of("AUTH512-2", sha512, prf512, jefe + jefe + jefe + jefe, whatDoYaWant,
                        "cb370917ae8a7ce28cfd1d8f4705d6141c173b2a9362c15df235dfb251b15454"
                                + "6aa334ae9fb9afc2184932d8695e397bfa0ffb93466cfcceaae38c833b7dba38"),
                Arguments.of("AUTH512-3", sha512, prf512, "aa".repeat(64), dd50,
                        "2ee7acd783624ca9398710f3ee05ae41b9f9b0510c87e49e586cc9bf961733d8"
                                + "623c7b55cebefccf02d5581acc1c9d5fb1ff68a1de45509fbe4da9a433922655"),
                Arguments.of("AUTH512-4", sha512, prf512, AUTH512_4_KEY, cd50,
                        "5e6688e5a3daec826ca32eaea224eff5e700628947470e13ad01302561bab108"
                                + "b8c48cbc6b807dcfbd850521a685babc7eae4a2a2e660dc0e86b931d65503fd2"));
    }

    /**
     * RFC 4868 §2.7.2.3 prints five 16-octet rows (80 octets) for AUTH512-4 but labels the key "64 bytes"; the
     * published outputs are those of the last four rows, the 64-octet key the label describes.
     */
    private static final String AUTH512_4_KEY = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
            + "2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40";

    @ParameterizedTest(name = "RFC 4868 {0}")
    @MethodSource("rfc4868Authenticator")
    void rfc4868(String name, IntegrityAlgorithm integ, PseudorandomFunction prf, String key, String data, String full) {
        byte[] k = Hex.decode(key);
        byte[] m = Hex.decode(data);
        byte[] expected = Hex.decode(full);
        assertArrayEquals(expected, Transforms.prf(prf).compute(k, m), "PRF output");

        Integrity integrity = Transforms.integrity(integ, k);
        byte[] icv = new byte[integrity.icvLength()];
        integrity.update(m, 0, m.length);
        integrity.sign(icv, 0);
        assertEquals(HexFormat.of().formatHex(expected, 0, integ.icvLength()), Hex.encode(icv), "truncated ICV");
        integrity.update(m, 0, m.length);
        assertTrue(integrity.verify(icv, 0));
        icv[0] ^= (byte) 0x80;
        integrity.update(m, 0, m.length);
        assertFalse(integrity.verify(icv, 0));
        integrity.destroy();
    }
}
