package dev.petrel.ike.eap.mschapv2;

import dev.petrel.crypto.KeyMaterial;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The MS-CHAPv2 computations (RFC 2759 §8) and the MPPE keys derived from them (RFC 3079 §3.4), as EAP-MSCHAPv2 uses
 * them. The MSK is laid out as strongSwan 5.9's eap-mschapv2 plugin lays it out, so that IKE AUTH payloads keyed with
 * it agree: MasterReceiveKey, MasterSendKey (the server's, 16 octets each), then 32 zero octets, 64 in all.
 * Intermediate secrets are wiped.
 */
public final class MsChapV2 {
    public static final int CHALLENGE_LENGTH = 16;
    public static final int NT_RESPONSE_LENGTH = 24;
    public static final int MSK_LENGTH = 64;
    private static final int HASH_LENGTH = 16;
    private static final int KEY_LENGTH = 16;
    private static final byte[] SIGNING_MAGIC = ascii("Magic server to client signing constant");
    private static final byte[] PAD_MAGIC = ascii("Pad to make it do more than one iteration");
    private static final byte[] MASTER_KEY_MAGIC = ascii("This is the MPPE Master Key");
    private static final byte[] CLIENT_SEND_MAGIC = ascii("On the client side, this is the send key; "
            + "on the server side, it is the receive key.");
    private static final byte[] CLIENT_RECEIVE_MAGIC = ascii("On the client side, this is the receive key; "
            + "on the server side, it is the send key.");
    private static final byte[] SHS_PAD1 = new byte[40];
    private static final byte[] SHS_PAD2 = filled(40, 0xf2);

    private MsChapV2() {}

    /**
     * NtPasswordHash (§8.3): MD4 of the password as UTF-16LE. The password is UTF-8 text; for ASCII this is what
     * strongSwan computes (it widens each octet), and other characters are encoded as Windows does.
     */
    public static byte[] ntPasswordHash(byte[] password) {
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(password));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder reported malformed input", e);
        }
        byte[] unicode = new byte[2 * chars.remaining()];
        for (int i = 0; chars.hasRemaining(); i += 2) {
            char c = chars.get();
            unicode[i] = (byte) c;
            unicode[i + 1] = (byte) (c >>> 8);
        }
        Arrays.fill(chars.array(), '\0');
        byte[] hash = md4(unicode);
        KeyMaterial.wipe(unicode);
        return hash;
    }

    /** HashNtPasswordHash (§8.4). */
    public static byte[] hashNtPasswordHash(byte[] passwordHash) {
        return md4(passwordHash);
    }

    /**
     * ChallengeHash (§8.2): the first 8 octets of SHA-1 over both challenges and the user name without a domain
     * ({@code DOMAIN\\user} gives {@code user}, as strongSwan takes it).
     */
    public static byte[] challengeHash(byte[] peerChallenge, byte[] authenticatorChallenge, byte[] userName) {
        MessageDigest sha1 = sha1();
        sha1.update(peerChallenge);
        sha1.update(authenticatorChallenge);
        sha1.update(withoutDomain(userName));
        return Arrays.copyOf(sha1.digest(), 8);
    }

    /** ChallengeResponse (§8.5): the 8-octet challenge encrypted with DES under three keys cut from the hash. */
    public static byte[] challengeResponse(byte[] challenge, byte[] passwordHash) {
        byte[] zPasswordHash = Arrays.copyOf(passwordHash, 21);
        byte[] response = new byte[NT_RESPONSE_LENGTH];
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            for (int i = 0; i < 3; i++) {
                byte[] key = desKey(zPasswordHash, 7 * i);
                des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
                des.doFinal(challenge, 0, 8, response, 8 * i);
                KeyMaterial.wipe(key);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES/ECB is not available", e);
        } finally {
            KeyMaterial.wipe(zPasswordHash);
        }
        return response;
    }

    /** GenerateNTResponse (§8.1). */
    public static byte[] ntResponse(byte[] authenticatorChallenge, byte[] peerChallenge, byte[] userName,
            byte[] passwordHash) {
        return challengeResponse(challengeHash(peerChallenge, authenticatorChallenge, userName), passwordHash);
    }

    /** GenerateAuthenticatorResponse (§8.7): {@code S=} and 40 upper-case hexadecimal digits. */
    public static String authenticatorResponse(byte[] passwordHash, byte[] ntResponse, byte[] peerChallenge,
            byte[] authenticatorChallenge, byte[] userName) {
        byte[] hashHash = hashNtPasswordHash(passwordHash);
        MessageDigest sha1 = sha1();
        sha1.update(hashHash);
        sha1.update(ntResponse);
        byte[] digest = sha1.digest(SIGNING_MAGIC);
        sha1.update(digest);
        sha1.update(challengeHash(peerChallenge, authenticatorChallenge, userName));
        byte[] signature = sha1.digest(PAD_MAGIC);
        KeyMaterial.wipe(hashHash);
        return "S=" + HexFormat.of().withUpperCase().formatHex(signature);
    }

    /** GetMasterKey (RFC 3079 §3.4). */
    public static byte[] masterKey(byte[] passwordHashHash, byte[] ntResponse) {
        MessageDigest sha1 = sha1();
        sha1.update(passwordHashHash);
        sha1.update(ntResponse);
        return Arrays.copyOf(sha1.digest(MASTER_KEY_MAGIC), KEY_LENGTH);
    }

    /** GetAsymmetricStartKey (RFC 3079 §3.4) for 128-bit keys: the server's send key is the client's receive key. */
    public static byte[] asymmetricStartKey(byte[] masterKey, boolean send, boolean server) {
        MessageDigest sha1 = sha1();
        sha1.update(masterKey, 0, KEY_LENGTH);
        sha1.update(SHS_PAD1);
        sha1.update(send == server ? CLIENT_RECEIVE_MAGIC : CLIENT_SEND_MAGIC);
        return Arrays.copyOf(sha1.digest(SHS_PAD2), KEY_LENGTH);
    }

    /** The MSK, as strongSwan's eap-mschapv2 makes it: MasterReceiveKey, MasterSendKey, 32 zero octets. */
    public static byte[] msk(byte[] passwordHash, byte[] ntResponse) {
        byte[] hashHash = hashNtPasswordHash(passwordHash);
        byte[] master = masterKey(hashHash, ntResponse);
        byte[] receive = asymmetricStartKey(master, false, true);
        byte[] send = asymmetricStartKey(master, true, true);
        byte[] msk = new byte[MSK_LENGTH];
        System.arraycopy(receive, 0, msk, 0, KEY_LENGTH);
        System.arraycopy(send, 0, msk, KEY_LENGTH, KEY_LENGTH);
        for (byte[] secret : new byte[][] {hashHash, master, receive, send}) {
            KeyMaterial.wipe(secret);
        }
        return msk;
    }

    /** The user name after the first backslash, if any: ChallengeHash leaves the domain out (§8.2). */
    static byte[] withoutDomain(byte[] userName) {
        for (int i = 0; i < userName.length; i++) {
            if (userName[i] == '\\') {
                return Arrays.copyOfRange(userName, i + 1, userName.length);
            }
        }
        return userName;
    }

    /** Seven octets from {@code from} spread over eight with odd parity in each low bit (§8.6). */
    private static byte[] desKey(byte[] material, int from) {
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = bits << 8 | material[from + i] & 0xff;
        }
        byte[] key = new byte[8];
        for (int i = 0; i < 8; i++) {
            int b = (int) (bits >>> (49 - 7 * i) & 0x7f) << 1;
            key[i] = (byte) (Integer.bitCount(b) % 2 == 0 ? b | 1 : b);
        }
        return key;
    }

    /**
     * MD4, which NtPasswordHash needs and the JDK does not offer through JCA: BouncyCastle's lightweight digest.
     */
    private static byte[] md4(byte[] data) {
        MD4Digest md4 = new MD4Digest();
        md4.update(data, 0, data.length);
        byte[] out = new byte[HASH_LENGTH];
        md4.doFinal(out, 0);
        return out;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
