package dev.petrel.ike.protect;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.aead.Aead;
import dev.petrel.crypto.cipher.BlockCipher;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.ike.keys.IkeSuite;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The SK payload of an IKE SA (RFC 7296 §3.14; AEAD per RFC 5282): IV | encrypted(payloads | padding | pad length)
 * | ICV, sealed with our keys and opened with the peer's. The caller lays out the message (header, SK generic
 * header) and reserves {@link #sealedLength} octets for the body, which ends the message. Not thread-safe: one per
 * IKE SA, used by its engine.
 */
public abstract sealed class SkProtection {
    private SkProtection() {}

    /**
     * @param ourIntegrityKey ignored (null) for the AEADs
     * @param random IVs for CBC
     */
    public static SkProtection create(IkeSuite suite, byte[] ourEncryptionKey, byte[] ourIntegrityKey,
            byte[] peerEncryptionKey, byte[] peerIntegrityKey, SecureRandom random) {
        if (suite.encryption().isAead()) {
            return new AeadProtection(Transforms.aead(suite.encryption(), ourEncryptionKey.clone()),
                    Transforms.aead(suite.encryption(), peerEncryptionKey.clone()));
        }
        return new CipherProtection(Transforms.cipher(suite.encryption(), ourEncryptionKey.clone()),
                Transforms.integrity(suite.integrity(), ourIntegrityKey.clone()),
                Transforms.cipher(suite.encryption(), peerEncryptionKey.clone()),
                Transforms.integrity(suite.integrity(), peerIntegrityKey.clone()), random);
    }

    /** The SK body length for {@code plaintextLength} octets of inner payloads. */
    public abstract int sealedLength(int plaintextLength);

    /** Fills {@code message[bodyOffset, end)}, reserved by {@link #sealedLength}, with the sealed plaintext. */
    public abstract void seal(byte[] message, int bodyOffset, byte[] plaintext);

    /**
     * Authenticates and decrypts the body {@code message[bodyOffset, bodyOffset+bodyLength)}, which ends the message,
     * and returns the inner payloads. The buffer is decrypted in place.
     */
    public abstract byte[] open(byte[] message, int bodyOffset, int bodyLength) throws SkProtectionException;

    public abstract void destroy();

    /** The plaintext without padding and pad-length octet (RFC 7296 §3.14: the pad length must fit). */
    static byte[] unpadded(byte[] b, int off, int len) throws SkProtectionException {
        int padLength = b[off + len - 1] & 0xff;
        if (padLength + 1 > len) {
            throw new SkProtectionException("SK pad length " + padLength + " exceeds the " + len + " decrypted octets");
        }
        return Arrays.copyOfRange(b, off, off + len - 1 - padLength);
    }

    /** AES-GCM or ChaCha20-Poly1305: 8-octet IV from a counter, AAD = header through SK generic header (RFC 5282 §5.1). */
    static final class AeadProtection extends SkProtection {
        private final Aead ours;
        private final Aead peers;
        private long counter;

        AeadProtection(Aead ours, Aead peers) {
            this.ours = ours;
            this.peers = peers;
        }

        @Override
        public int sealedLength(int plaintextLength) {
            return ours.ivLength() + plaintextLength + 1 + ours.tagLength();
        }

        @Override
        public void seal(byte[] message, int bodyOffset, byte[] plaintext) {
            int iv = ours.ivLength();
            long n = counter++;
            for (int i = 0; i < iv; i++) {
                message[bodyOffset + i] = (byte) (n >>> (8 * (iv - 1 - i)));
            }
            int data = bodyOffset + iv;
            System.arraycopy(plaintext, 0, message, data, plaintext.length);
            message[data + plaintext.length] = 0;
            ours.seal(message, bodyOffset, message, 0, bodyOffset, message, data, plaintext.length + 1);
        }

        @Override
        public byte[] open(byte[] message, int bodyOffset, int bodyLength) throws SkProtectionException {
            int iv = peers.ivLength();
            if (bodyLength < iv + 1 + peers.tagLength() || bodyOffset + bodyLength != message.length) {
                throw new SkProtectionException("SK body of " + bodyLength + " octets is too short");
            }
            int plain = peers.open(message, bodyOffset, message, 0, bodyOffset, message, bodyOffset + iv, bodyLength - iv);
            if (plain < 0) {
                throw new SkProtectionException("SK integrity check failed");
            }
            return unpadded(message, bodyOffset + iv, plain);
        }

        @Override
        public void destroy() {
            ours.destroy();
            peers.destroy();
        }
    }

    /** AES-CBC with an HMAC or XCBC integrity transform: random IV, ICV over the whole message (RFC 7296 §3.14). */
    static final class CipherProtection extends SkProtection {
        private final BlockCipher ourCipher;
        private final Integrity ourIntegrity;
        private final BlockCipher peerCipher;
        private final Integrity peerIntegrity;
        private final SecureRandom random;

        CipherProtection(BlockCipher ourCipher, Integrity ourIntegrity, BlockCipher peerCipher, Integrity peerIntegrity,
                SecureRandom random) {
            this.ourCipher = ourCipher;
            this.ourIntegrity = ourIntegrity;
            this.peerCipher = peerCipher;
            this.peerIntegrity = peerIntegrity;
            this.random = random;
        }

        @Override
        public int sealedLength(int plaintextLength) {
            return ourCipher.ivLength() + padded(plaintextLength, ourCipher.blockSize()) + ourIntegrity.icvLength();
        }

        private static int padded(int plaintextLength, int blockSize) {
            return (plaintextLength + 1 + blockSize - 1) / blockSize * blockSize;
        }

        @Override
        public void seal(byte[] message, int bodyOffset, byte[] plaintext) {
            int iv = ourCipher.ivLength();
            byte[] ivBytes = new byte[iv];
            random.nextBytes(ivBytes);
            System.arraycopy(ivBytes, 0, message, bodyOffset, iv);
            int data = bodyOffset + iv;
            int length = padded(plaintext.length, ourCipher.blockSize());
            System.arraycopy(plaintext, 0, message, data, plaintext.length);
            Arrays.fill(message, data + plaintext.length, data + length, (byte) 0);
            message[data + length - 1] = (byte) (length - plaintext.length - 1);
            ourCipher.encrypt(message, bodyOffset, message, data, length);
            int icv = data + length;
            ourIntegrity.update(message, 0, icv);
            ourIntegrity.sign(message, icv);
        }

        @Override
        public byte[] open(byte[] message, int bodyOffset, int bodyLength) throws SkProtectionException {
            int iv = peerCipher.ivLength();
            int icv = peerIntegrity.icvLength();
            int length = bodyLength - iv - icv;
            if (length < peerCipher.blockSize() || length % peerCipher.blockSize() != 0
                    || bodyOffset + bodyLength != message.length) {
                throw new SkProtectionException("SK body of " + bodyLength + " octets does not fit the cipher");
            }
            int icvOffset = message.length - icv;
            peerIntegrity.update(message, 0, icvOffset);
            if (!peerIntegrity.verify(message, icvOffset)) {
                throw new SkProtectionException("SK integrity check failed");
            }
            peerCipher.decrypt(message, bodyOffset, message, bodyOffset + iv, length);
            return unpadded(message, bodyOffset + iv, length);
        }

        @Override
        public void destroy() {
            ourCipher.destroy();
            ourIntegrity.destroy();
            peerCipher.destroy();
            peerIntegrity.destroy();
        }
    }
}
