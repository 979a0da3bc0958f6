package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.ALL_ZERO_SHARED_SECRET;

import dev.petrel.wire.iana.KeyExchangeMethod;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;

/**
 * Curve25519 and Curve448 (RFC 8031): Key Exchange Data is the raw little-endian u-coordinate, 32 or 56 octets
 * (RFC 8031 §2, RFC 7748 §5). Any u of the right length is accepted, as RFC 7748 §5 decodes it (X25519 masks the
 * top bit; non-canonical values are reduced); a peer point of small order is caught by the all-zero check on the
 * result (RFC 8031 §2.3, RFC 7748 §6).
 */
enum XdhGroup implements DhGroup {
    CURVE25519(KeyExchangeMethod.CURVE25519, NamedParameterSpec.X25519, 32, 255),
    CURVE448(KeyExchangeMethod.CURVE448, NamedParameterSpec.X448, 56, 448);

    private final KeyExchangeMethod method;
    private final NamedParameterSpec curve;
    private final int length;
    private final BigInteger uMask;

    XdhGroup(KeyExchangeMethod method, NamedParameterSpec curve, int length, int uBits) {
        this.method = method;
        this.curve = curve;
        this.length = length;
        this.uMask = BigInteger.ONE.shiftLeft(uBits).subtract(BigInteger.ONE);
    }

    @Override
    public KeyExchangeMethod method() {
        return method;
    }

    @Override
    public String keyAlgorithm() {
        return "XDH";
    }

    @Override
    public String agreementAlgorithm() {
        return "XDH";
    }

    @Override
    public AlgorithmParameterSpec keyPairParameters() {
        return curve;
    }

    @Override
    public int publicValueLength() {
        return length;
    }

    @Override
    public byte[] encode(PublicKey publicKey) {
        return Octets.littleEndian(((XECPublicKey) publicKey).getU(), length);
    }

    @Override
    public KeySpec decode(byte[] peerValue) throws InvalidKeyExchangeValueException {
        InvalidKeyExchangeValueException.checkLength(method, length, peerValue);
        return new XECPublicKeySpec(curve, Octets.fromLittleEndian(peerValue).and(uMask));
    }

    /** The JDK's XDH KeyAgreement refuses an all-zero result itself, with InvalidKeyException. */
    @Override
    public InvalidKeyExchangeValueException.Check providerRejection() {
        return ALL_ZERO_SHARED_SECRET;
    }

    /** RFC 7748 §6.1, §6.2: an all-zero result means the peer sent a point of small order. */
    @Override
    public void checkSharedSecret(byte[] secret) throws InvalidKeyExchangeValueException {
        if (Octets.isAllZero(secret)) {
            throw new InvalidKeyExchangeValueException(method, ALL_ZERO_SHARED_SECRET, "");
        }
    }
}
