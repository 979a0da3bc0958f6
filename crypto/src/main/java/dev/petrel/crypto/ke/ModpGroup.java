package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.OUT_OF_RANGE;

import dev.petrel.wire.iana.KeyExchangeMethod;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.KeySpec;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;

/**
 * The MODP groups of RFC 3526 (§3, §4, §5), generator 2. Public values and the shared secret g^ir are padded with
 * leading zeros to the length of the prime (RFC 7296 §3.4, §2.14). The private exponent size is the JDK's default
 * for the prime size (twice the security strength, NIST SP 800-56A).
 */
enum ModpGroup implements DhGroup {
    MODP_2048(KeyExchangeMethod.MODP_2048, """
            FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1
            29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
            EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245
            E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
            EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D
            C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F
            83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D
            670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
            E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9
            DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510
            15728E5A 8AACAA68 FFFFFFFF FFFFFFFF"""),
    MODP_3072(KeyExchangeMethod.MODP_3072, """
            FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1
            29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
            EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245
            E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
            EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D
            C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F
            83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D
            670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
            E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9
            DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510
            15728E5A 8AAAC42D AD33170D 04507A33 A85521AB DF1CBA64
            ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7
            ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B
            F12FFA06 D98A0864 D8760273 3EC86A64 521F2B18 177B200C
            BBE11757 7A615D6C 770988C0 BAD946E2 08E24FA0 74E5AB31
            43DB5BFC E0FD108E 4B82D120 A93AD2CA FFFFFFFF FFFFFFFF"""),
    MODP_4096(KeyExchangeMethod.MODP_4096, """
            FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1
            29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
            EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245
            E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
            EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D
            C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F
            83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D
            670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
            E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9
            DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510
            15728E5A 8AAAC42D AD33170D 04507A33 A85521AB DF1CBA64
            ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7
            ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B
            F12FFA06 D98A0864 D8760273 3EC86A64 521F2B18 177B200C
            BBE11757 7A615D6C 770988C0 BAD946E2 08E24FA0 74E5AB31
            43DB5BFC E0FD108E 4B82D120 A9210801 1A723C12 A787E6D7
            88719A10 BDBA5B26 99C32718 6AF4E23C 1A946834 B6150BDA
            2583E9CA 2AD44CE8 DBBBC2DB 04DE8EF9 2E8EFC14 1FBECAA6
            287C5947 4E6BC05D 99B2964F A090C3A2 233BA186 515BE7ED
            1F612970 CEE2D7AF B81BDD76 2170481C D0069127 D5B05AA9
            93B4EA98 8D8FDDC1 86FFB7DC 90A6C08F 4DF435C9 34063199
            FFFFFFFF FFFFFFFF""");

    static final BigInteger GENERATOR = BigInteger.TWO;

    private final KeyExchangeMethod method;
    private final BigInteger prime;
    private final BigInteger primeMinusOne;
    private final int length;

    ModpGroup(KeyExchangeMethod method, String primeHex) {
        this.method = method;
        this.prime = new BigInteger(primeHex.replaceAll("\\s", ""), 16);
        this.primeMinusOne = prime.subtract(BigInteger.ONE);
        this.length = (prime.bitLength() + 7) / 8;
    }

    @Override
    public KeyExchangeMethod method() {
        return method;
    }

    @Override
    public String keyAlgorithm() {
        return "DH";
    }

    @Override
    public String agreementAlgorithm() {
        return "DH";
    }

    @Override
    public AlgorithmParameterSpec keyPairParameters() {
        return new DHParameterSpec(prime, GENERATOR);
    }

    @Override
    public int publicValueLength() {
        return length;
    }

    @Override
    public byte[] encode(PublicKey publicKey) {
        return Octets.bigEndian(((DHPublicKey) publicKey).getY(), length);
    }

    /** RFC 6989 §2.1: exactly the prime's length, and 1 < y < p-1. */
    @Override
    public KeySpec decode(byte[] peerValue) throws InvalidKeyExchangeValueException {
        InvalidKeyExchangeValueException.checkLength(method, length, peerValue);
        BigInteger y = new BigInteger(1, peerValue);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(primeMinusOne) >= 0) {
            throw new InvalidKeyExchangeValueException(method, OUT_OF_RANGE, "y is not in (1, p-1)");
        }
        return new DHPublicKeySpec(y, prime, GENERATOR);
    }
}
