package dev.petrel.crypto.ke;

import dev.petrel.wire.iana.KeyExchangeMethod;

/**
 * The peer's key exchange value failed a validity check (RFC 6989, RFC 7748 §6, FIPS 203 §7.2). The IKE engine
 * must fail the exchange, never continue with a default key. The message names the method, the check and at most
 * lengths, never key bytes.
 */
public final class InvalidKeyExchangeValueException extends Exception {

    /** Which check the peer's value failed. */
    public enum Check {
        /** Not the method's fixed length (RFC 7296 §3.4, RFC 5903 §7, RFC 8031 §2, FIPS 203 §7.2, §7.3). */
        WRONG_LENGTH,
        /** MODP: not 1 < y < p-1 (RFC 6989 §2.1); ECP: a coordinate not below p (RFC 6989 §2.3). */
        OUT_OF_RANGE,
        /** ECP: the all-zero encoding, which stands for the point at infinity (RFC 6989 §2.3). */
        POINT_AT_INFINITY,
        /** ECP: y^2 != x^3 + ax + b mod p (RFC 6989 §2.3). */
        NOT_ON_CURVE,
        /** Curve25519/448: the peer's point has small order, the result is all zeros (RFC 8031 §2.3, RFC 7748 §6). */
        ALL_ZERO_SHARED_SECRET,
        /** ML-KEM: an encapsulation key coefficient is not below q = 3329 (FIPS 203 §7.2, modulus check). */
        ENCAPSULATION_KEY_NOT_REDUCED,
        /** The JCA provider refused a value our own checks let through; the cause says why. */
        REJECTED_BY_PROVIDER
    }

    private final KeyExchangeMethod method;
    private final Check check;

    InvalidKeyExchangeValueException(KeyExchangeMethod method, Check check, String detail) {
        super(method.name() + " peer value failed the " + check + " check" + (detail.isEmpty() ? "" : ": " + detail));
        this.method = method;
        this.check = check;
    }

    InvalidKeyExchangeValueException(KeyExchangeMethod method, Check check, Throwable cause) {
        super(method.name() + " peer value failed the " + check + " check", cause);
        this.method = method;
        this.check = check;
    }

    /** Fails with {@link Check#WRONG_LENGTH} unless {@code value} is exactly {@code expected} octets. */
    static void checkLength(KeyExchangeMethod method, int expected, byte[] value) throws InvalidKeyExchangeValueException {
        if (value.length != expected) {
            throw new InvalidKeyExchangeValueException(method, Check.WRONG_LENGTH, value.length + " octets, expected " + expected);
        }
    }

    public KeyExchangeMethod method() {
        return method;
    }

    public Check check() {
        return check;
    }
}
