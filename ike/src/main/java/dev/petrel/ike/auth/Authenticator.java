package dev.petrel.ike.auth;

import javax.security.auth.Destroyable;

/**
 * One way of computing and checking AUTH payloads over signed octets ({@link SignedOctets}, RFC 7296 §2.15):
 * a shared key ({@link SharedKeyAuth}, which EAP also uses with its MSK, §2.16). An instance holds one key, so a side
 * may use one for its own AUTH and another for the peer's. Signatures sign with one key and verify with another:
 * they are {@link SignatureAuth}.
 * Not thread-safe.
 */
public sealed interface Authenticator extends Destroyable permits SharedKeyAuth {
    /** The AUTH payload's Auth Method (RFC 7296 §3.8; IANA "IKEv2 Authentication Method"). */
    int authMethod();

    /** The Authentication Data of an AUTH payload over {@code signedOctets}. */
    byte[] authenticate(byte[] signedOctets);

    /** True when {@code authenticationData} is valid for {@code signedOctets}; compared in constant time. */
    boolean verify(byte[] signedOctets, byte[] authenticationData);

    /** Wipes the key; the instance cannot be used afterwards. */
    @Override
    void destroy();
}
