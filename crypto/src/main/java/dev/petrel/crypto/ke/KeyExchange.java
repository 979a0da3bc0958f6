package dev.petrel.crypto.ke;

import dev.petrel.crypto.TransformException;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Objects;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * One run of a key exchange method, for one role, used once: the KE payload of IKE_SA_INIT and CREATE_CHILD_SA
 * (RFC 7296 §1.2, §1.3) and each additional exchange of IKE_INTERMEDIATE / IKE_FOLLOWUP_KE (RFC 9370 §2.2).
 *
 * <p>The initiator calls {@link #publicValue()}, sends it, and passes the responder's value to
 * {@link #complete(byte[])}. The responder passes the initiator's value to {@link #respond(byte[])} and sends the
 * {@link Response#publicValue()} it returns. The same calls serve Diffie-Hellman methods, where both sides send a
 * public key, and ML-KEM (draft-ietf-ipsecme-ikev2-mlkem §2), where the initiator sends an encapsulation key and the
 * responder a ciphertext.
 *
 * <p>The peer's value is validated before use (RFC 6989, RFC 7748 §6, FIPS 203 §7.2); a bad value throws
 * {@link InvalidKeyExchangeValueException}. Whatever the outcome, the private key is dropped, and destroyed where the
 * provider supports it, when {@code complete} or {@code respond} returns or throws; the object cannot be used again.
 * Shared secrets are fresh arrays that the caller owns and must wipe ({@code KeyMaterial.wipe}) once SKEYSEED or
 * KEYMAT is derived. Not thread-safe: one IKE SA's engine owns it.
 */
public abstract sealed class KeyExchange permits DiffieHellman, MlKem {

    /** The responder's result: the value to send in its KE payload, and the shared secret the caller wipes. */
    public record Response(byte[] publicValue, byte[] sharedSecret) {
        public Response {
            Objects.requireNonNull(publicValue, "publicValue");
            Objects.requireNonNull(sharedSecret, "sharedSecret");
        }

        @Override
        public String toString() {
            return "Response[publicValue=" + publicValue.length + " octets, sharedSecret=" + sharedSecret.length
                    + " octets]";
        }
    }

    private enum Phase { NEW, INITIATED, FINISHED }

    private final KeyExchangeMethod method;
    /** The injected randomness: key generation here, ML-KEM encapsulation in {@link MlKem}. */
    final SecureRandom random;
    /** Our private key (ML-KEM: the decapsulation key) from {@link #generateKeyPair}, until it is dropped. */
    PrivateKey privateKey;
    private Phase phase = Phase.NEW;
    private byte[] publicValue;

    KeyExchange(KeyExchangeMethod method, SecureRandom random) {
        this.method = method;
        this.random = random;
    }

    public final KeyExchangeMethod method() {
        return method;
    }

    /**
     * Initiator: our Key Exchange Data. The first call generates the key pair; later calls (a retransmitted or
     * rebuilt request) return a copy of the same value.
     *
     * @throws IllegalStateException after {@code respond}, {@code complete} or {@code destroy}
     */
    public final byte[] publicValue() {
        if (phase == Phase.FINISHED) {
            throw new IllegalStateException(method + " key exchange is finished");
        }
        if (phase == Phase.NEW) {
            publicValue = initiate();
            phase = Phase.INITIATED;
        }
        return publicValue.clone();
    }

    /**
     * Initiator: the shared secret, from the responder's Key Exchange Data.
     *
     * @throws InvalidKeyExchangeValueException if the responder's value fails validation
     * @throws IllegalStateException before {@code publicValue} or when already finished
     */
    public final byte[] complete(byte[] peerValue) throws InvalidKeyExchangeValueException {
        Objects.requireNonNull(peerValue, "peerValue");
        if (phase != Phase.INITIATED) {
            throw new IllegalStateException(method + ": complete() needs publicValue() first and works once");
        }
        phase = Phase.FINISHED;
        try {
            return finish(peerValue);
        } finally {
            dropPrivateKey();
        }
    }

    /**
     * Responder: our Key Exchange Data and the shared secret, from the initiator's Key Exchange Data.
     *
     * @throws InvalidKeyExchangeValueException if the initiator's value fails validation
     * @throws IllegalStateException after {@code publicValue} or when already finished
     */
    public final Response respond(byte[] peerValue) throws InvalidKeyExchangeValueException {
        Objects.requireNonNull(peerValue, "peerValue");
        if (phase != Phase.NEW) {
            throw new IllegalStateException(method + ": respond() works once, on a fresh key exchange");
        }
        phase = Phase.FINISHED;
        try {
            return answer(peerValue);
        } finally {
            dropPrivateKey();
        }
    }

    /** Abandons the exchange (e.g. after INVALID_KE_PAYLOAD, RFC 7296 §1.2) and drops the private key. Idempotent. */
    public final void destroy() {
        phase = Phase.FINISHED;
        dropPrivateKey();
    }

    /** Generates the key pair and returns our public value. */
    abstract byte[] initiate();

    /** Initiator side, after {@link #initiate()}. */
    abstract byte[] finish(byte[] peerValue) throws InvalidKeyExchangeValueException;

    /** Responder side, on a fresh object. */
    abstract Response answer(byte[] peerValue) throws InvalidKeyExchangeValueException;

    /** Generates our key pair from {@link #random}, keeps its {@link #privateKey} and returns its public key. */
    final PublicKey generateKeyPair(String algorithm, AlgorithmParameterSpec parameters) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(parameters, random);
            KeyPair pair = generator.generateKeyPair();
            privateKey = pair.getPrivate();
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new TransformException(method + " key generation failed", e);
        }
    }

    /** Forgets the private key, destroying it where the provider supports that. */
    private void dropPrivateKey() {
        destroyQuietly(privateKey);
        privateKey = null;
    }

    /** Destroys a key or secret; providers that cannot destroy (SunEC, DH) leave it to the garbage collector. */
    static void destroyQuietly(Destroyable key) {
        if (key != null && !key.isDestroyed()) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // Not supported by this key class; the reference is dropped instead.
            }
        }
    }

    @Override
    public final String toString() {
        return "KeyExchange[" + method + ", " + phase + "]";
    }
}
