package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.ENCAPSULATION_KEY_NOT_REDUCED;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.REJECTED_BY_PROVIDER;

import dev.petrel.crypto.TransformException;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * The ML-KEM parameter sets of FIPS 203 §8 as IKEv2 key exchange methods (draft-ietf-ipsecme-ikev2-mlkem §2), and
 * the conversion between the raw encapsulation key carried in the KE payload and the JDK's X.509
 * SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID id-alg-ml-kem-* }, BIT STRING ek } with the OIDs
 * 2.16.840.1.101.3.4.4.1-3 and absent parameters (draft-ietf-lamps-kyber-certificates §4). The prefix before the
 * key is fixed for each parameter set, so the conversion is a prepend or a checked strip.
 */
enum MlKemParameterSet implements KeyExchangeParameters {
    ML_KEM_512(KeyExchangeMethod.ML_KEM_512, NamedParameterSpec.ML_KEM_512, 2, 768, 1),
    ML_KEM_768(KeyExchangeMethod.ML_KEM_768, NamedParameterSpec.ML_KEM_768, 3, 1088, 2),
    ML_KEM_1024(KeyExchangeMethod.ML_KEM_1024, NamedParameterSpec.ML_KEM_1024, 4, 1568, 3);

    /** The ML-KEM modulus q (FIPS 203 §2.4). */
    static final int Q = 3329;
    /** Octets of the shared secret K (FIPS 203 §7.2). */
    static final int SHARED_SECRET_LENGTH = 32;

    private final KeyExchangeMethod method;
    private final NamedParameterSpec spec;
    private final int k;
    private final int encapsulationKeyLength;
    private final int ciphertextLength;
    private final byte[] spkiPrefix;

    MlKemParameterSet(KeyExchangeMethod method, NamedParameterSpec spec, int k, int ciphertextLength, int oidArc) {
        this.method = method;
        this.spec = spec;
        this.k = k;
        this.encapsulationKeyLength = 384 * k + 32;
        this.ciphertextLength = ciphertextLength;
        this.spkiPrefix = spkiPrefix(oidArc, encapsulationKeyLength);
    }

    /** DER: 30 82 len (30 0b 06 09 60 86 48 01 65 03 04 04 arc) 03 82 len 00, lengths of two octets. */
    private static byte[] spkiPrefix(int oidArc, int keyLength) {
        byte[] algorithm = {0x30, 0x0b, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04,
            (byte) oidArc};
        int bitString = keyLength + 1;
        int sequence = algorithm.length + 4 + bitString;
        byte[] prefix = new byte[4 + algorithm.length + 5];
        prefix[0] = 0x30;
        prefix[1] = (byte) 0x82;
        prefix[2] = (byte) (sequence >> 8);
        prefix[3] = (byte) sequence;
        System.arraycopy(algorithm, 0, prefix, 4, algorithm.length);
        int at = 4 + algorithm.length;
        prefix[at] = 0x03;
        prefix[at + 1] = (byte) 0x82;
        prefix[at + 2] = (byte) (bitString >> 8);
        prefix[at + 3] = (byte) bitString;
        prefix[at + 4] = 0x00; // no unused bits
        return prefix;
    }

    @Override
    public KeyExchangeMethod method() {
        return method;
    }

    @Override
    public PublicValueLengths lengths() {
        return new PublicValueLengths(encapsulationKeyLength, ciphertextLength);
    }

    NamedParameterSpec spec() {
        return spec;
    }

    int ciphertextLength() {
        return ciphertextLength;
    }

    /** The raw encapsulation key ek inside a JDK public key of this parameter set. */
    byte[] encapsulationKey(PublicKey publicKey) {
        byte[] encoded = publicKey.getEncoded();
        if (encoded.length != spkiPrefix.length + encapsulationKeyLength
                || !Arrays.equals(encoded, 0, spkiPrefix.length, spkiPrefix, 0, spkiPrefix.length)) {
            throw new TransformException(method + ": the provider's public key is not an " + spec.getName()
                    + " SubjectPublicKeyInfo");
        }
        return Arrays.copyOfRange(encoded, spkiPrefix.length, encoded.length);
    }

    /**
     * The peer's raw encapsulation key as a JDK public key, after the input checks of FIPS 203 §7.2: the type
     * (length) check and the modulus check, here rather than left to the provider.
     */
    PublicKey publicKey(byte[] encapsulationKey) throws InvalidKeyExchangeValueException {
        InvalidKeyExchangeValueException.checkLength(method, encapsulationKeyLength, encapsulationKey);
        checkModulus(encapsulationKey);
        byte[] encoded = Arrays.copyOf(spkiPrefix, spkiPrefix.length + encapsulationKeyLength);
        System.arraycopy(encapsulationKey, 0, encoded, spkiPrefix.length, encapsulationKeyLength);
        try {
            return KeyFactory.getInstance("ML-KEM").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyExchangeValueException(method, REJECTED_BY_PROVIDER, e);
        } catch (GeneralSecurityException e) {
            throw new TransformException("ML-KEM is not available", e);
        }
    }

    /**
     * FIPS 203 §7.2 modulus check: ByteEncode12(ByteDecode12(ek[0:384k])) = ek[0:384k], i.e. every 12-bit
     * coefficient of t-hat is below q. The last 32 octets are the seed rho and are not checked.
     */
    private void checkModulus(byte[] ek) throws InvalidKeyExchangeValueException {
        int bad = 0;
        for (int i = 0; i < 384 * k; i += 3) {
            int b0 = ek[i] & 0xff;
            int b1 = ek[i + 1] & 0xff;
            int b2 = ek[i + 2] & 0xff;
            int c0 = b0 | (b1 & 0x0f) << 8;
            int c1 = b1 >> 4 | b2 << 4;
            bad |= (Q - 1 - c0) | (Q - 1 - c1);
        }
        if (bad < 0) {
            throw new InvalidKeyExchangeValueException(method, ENCAPSULATION_KEY_NOT_REDUCED, "");
        }
    }
}
