package dev.petrel.ike.eap.md5;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The CHAP response value (RFC 1994 §4.1): MD5 over the Identifier, the secret and the challenge. */
final class ChapMd5 {
    static final int LENGTH = 16;

    private ChapMd5() {}

    static byte[] response(int identifier, byte[] secret, byte[] challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) identifier);
            md5.update(secret);
            return md5.digest(challenge);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
