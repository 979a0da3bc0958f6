package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.REJECTED_BY_PROVIDER;

import dev.petrel.crypto.TransformException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;
import javax.crypto.SecretKey;

/**
 * ML-KEM as an IKEv2 key exchange (draft-ietf-ipsecme-ikev2-mlkem §2, RFC 9370): the initiator sends the
 * encapsulation key ek, the responder encapsulates to it and sends the ciphertext c, and both take the 32-octet K as
 * the shared secret. Uses the JDK's KEM API; the randomness (d, z at key generation, m at encapsulation, FIPS 203
 * §7.1, §7.2) comes from the injected source.
 */
final class MlKem extends KeyExchange {
    private final MlKemParameterSet parameters;

    MlKem(MlKemParameterSet parameters, SecureRandom random) {
        super(parameters.method(), random);
        this.parameters = parameters;
    }

    /** The encapsulation key ek; the decapsulation key is the private key kept. */
    @Override
    byte[] initiate() {
        return parameters.encapsulationKey(generateKeyPair("ML-KEM", parameters.spec()));
    }

    /** FIPS 203 §7.3: only the ciphertext's length is checked; a wrong ciphertext yields an unrelated K. */
    @Override
    byte[] finish(byte[] ciphertext) throws InvalidKeyExchangeValueException {
        InvalidKeyExchangeValueException.checkLength(parameters.method(), parameters.ciphertextLength(), ciphertext);
        try {
            return sharedSecret(kem().newDecapsulator(privateKey).decapsulate(ciphertext));
        } catch (DecapsulateException e) {
            throw new InvalidKeyExchangeValueException(parameters.method(), REJECTED_BY_PROVIDER, e);
        } catch (InvalidKeyException e) {
            throw new TransformException(parameters.method() + " decapsulation key was refused", e);
        }
    }

    @Override
    Response answer(byte[] encapsulationKey) throws InvalidKeyExchangeValueException {
        var publicKey = parameters.publicKey(encapsulationKey);
        KEM.Encapsulated encapsulated;
        try {
            encapsulated = kem().newEncapsulator(publicKey, null, random).encapsulate();
        } catch (InvalidKeyException e) {
            throw new InvalidKeyExchangeValueException(parameters.method(), REJECTED_BY_PROVIDER, e);
        } catch (GeneralSecurityException e) {
            throw new TransformException(parameters.method() + " encapsulation failed", e);
        }
        return new Response(encapsulated.encapsulation(), sharedSecret(encapsulated.key()));
    }

    private static KEM kem() {
        try {
            return KEM.getInstance("ML-KEM");
        } catch (GeneralSecurityException e) {
            throw new TransformException("ML-KEM is not available", e);
        }
    }

    /** The raw K, leaving no copy in the SecretKey. */
    private static byte[] sharedSecret(SecretKey key) {
        byte[] k = key.getEncoded();
        destroyQuietly(key);
        if (k == null || k.length != MlKemParameterSet.SHARED_SECRET_LENGTH) {
            throw new TransformException("ML-KEM produced a shared secret of the wrong length");
        }
        return k;
    }
}
