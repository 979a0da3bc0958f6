package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.NOT_ON_CURVE;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.OUT_OF_RANGE;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.POINT_AT_INFINITY;

import dev.petrel.crypto.TransformException;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.KeySpec;
import java.util.Arrays;

/**
 * The NIST prime curves of RFC 5903. Key Exchange Data is x || y, each coordinate padded to the field size, with no
 * point-format octet (RFC 5903 §7); the shared secret is the x coordinate of the agreed point (RFC 5903 §9). These
 * curves have cofactor 1, so a point that is on the curve and not the identity has the group's prime order and
 * passes the full validation of RFC 6989 §2.3.
 */
enum EcpGroup implements DhGroup {
    ECP_256(KeyExchangeMethod.ECP_256, "secp256r1"),
    ECP_384(KeyExchangeMethod.ECP_384, "secp384r1"),
    ECP_521(KeyExchangeMethod.ECP_521, "secp521r1");

    private final KeyExchangeMethod method;
    private final String curveName;
    private final ECParameterSpec parameters;
    private final BigInteger p;
    private final BigInteger a;
    private final BigInteger b;
    private final int fieldLength;

    EcpGroup(KeyExchangeMethod method, String curveName) {
        this.method = method;
        this.curveName = curveName;
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(curveName));
            this.parameters = params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new TransformException("curve " + curveName + " is not available", e);
        }
        EllipticCurve curve = parameters.getCurve();
        ECField field = curve.getField();
        this.p = ((ECFieldFp) field).getP();
        this.a = curve.getA();
        this.b = curve.getB();
        this.fieldLength = (field.getFieldSize() + 7) / 8;
    }

    @Override
    public KeyExchangeMethod method() {
        return method;
    }

    @Override
    public String keyAlgorithm() {
        return "EC";
    }

    @Override
    public String agreementAlgorithm() {
        return "ECDH";
    }

    @Override
    public AlgorithmParameterSpec keyPairParameters() {
        return new ECGenParameterSpec(curveName);
    }

    @Override
    public int publicValueLength() {
        return 2 * fieldLength;
    }

    @Override
    public byte[] encode(PublicKey publicKey) {
        ECPoint w = ((ECPublicKey) publicKey).getW();
        byte[] out = new byte[2 * fieldLength];
        System.arraycopy(Octets.bigEndian(w.getAffineX(), fieldLength), 0, out, 0, fieldLength);
        System.arraycopy(Octets.bigEndian(w.getAffineY(), fieldLength), 0, out, fieldLength, fieldLength);
        return out;
    }

    /**
     * RFC 6989 §2.3: the right length, both coordinates below p, not the point at infinity (which x || y can only
     * spell as all zeros), and on the curve. Checked here because a JCA provider need not check it.
     */
    @Override
    public KeySpec decode(byte[] peerValue) throws InvalidKeyExchangeValueException {
        InvalidKeyExchangeValueException.checkLength(method, 2 * fieldLength, peerValue);
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(peerValue, 0, fieldLength));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(peerValue, fieldLength, 2 * fieldLength));
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new InvalidKeyExchangeValueException(method, OUT_OF_RANGE, "a coordinate is not below p");
        }
        if (x.signum() == 0 && y.signum() == 0) {
            throw new InvalidKeyExchangeValueException(method, POINT_AT_INFINITY, "");
        }
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
        if (!lhs.equals(rhs)) {
            throw new InvalidKeyExchangeValueException(method, NOT_ON_CURVE, "");
        }
        return new ECPublicKeySpec(new ECPoint(x, y), parameters);
    }
}
