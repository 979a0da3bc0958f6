package dev.petrel.crypto.ke;

import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.KeySpec;

/**
 * A Diffie-Hellman group: the JCA names and parameters that generate and agree keys, and the group's KE payload
 * format. {@link DiffieHellman} does the JCA work; a group only encodes, decodes and validates.
 */
sealed interface DhGroup extends KeyExchangeParameters permits ModpGroup, EcpGroup, XdhGroup {
    /** The KeyPairGenerator and KeyFactory algorithm. */
    String keyAlgorithm();

    /** The KeyAgreement algorithm. */
    String agreementAlgorithm();

    AlgorithmParameterSpec keyPairParameters();

    /** Octets of a public value, the same for both roles. */
    int publicValueLength();

    @Override
    default PublicValueLengths lengths() {
        return PublicValueLengths.symmetric(publicValueLength());
    }

    /** Our public key as Key Exchange Data. */
    byte[] encode(PublicKey publicKey);

    /** The peer's Key Exchange Data as a key spec, after every check the group requires (RFC 6989). */
    KeySpec decode(byte[] peerValue) throws InvalidKeyExchangeValueException;

    /** The check to report when the provider refuses a value that {@link #decode} accepted. */
    default InvalidKeyExchangeValueException.Check providerRejection() {
        return InvalidKeyExchangeValueException.Check.REJECTED_BY_PROVIDER;
    }

    /** Checks the agreed secret; the caller wipes it if this throws. */
    default void checkSharedSecret(byte[] secret) throws InvalidKeyExchangeValueException {}
}
