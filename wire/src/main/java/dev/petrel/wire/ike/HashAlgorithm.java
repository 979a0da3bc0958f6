package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/**
 * IKEv2 Hash Algorithms (RFC 7427 §7), the two-octet values of the SIGNATURE_HASH_ALGORITHMS notify (§4); IDENTITY
 * stands for signature schemes that hash nothing first, such as Ed25519 (RFC 8420 §2).
 */
public enum HashAlgorithm implements IanaValue {
    SHA1(1),
    SHA2_256(2),
    SHA2_384(3),
    SHA2_512(4),
    IDENTITY(5);

    private final int value;

    HashAlgorithm(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
