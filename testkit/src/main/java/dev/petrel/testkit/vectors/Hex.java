package dev.petrel.testkit.vectors;

import java.util.HexFormat;

/** Hex decoding for test vectors written with spaces, colons or line breaks between octets. */
public final class Hex {
    private Hex() {}

    public static byte[] decode(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s:]", ""));
    }

    public static String encode(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
