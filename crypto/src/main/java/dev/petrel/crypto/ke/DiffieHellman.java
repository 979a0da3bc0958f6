package dev.petrel.crypto.ke;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.TransformException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import javax.crypto.KeyAgreement;

/** A Diffie-Hellman exchange over a {@link DhGroup}: both roles generate a key pair and agree with the peer's key. */
final class DiffieHellman extends KeyExchange {
    private final DhGroup group;
    private final SecureRandom random;
    private PrivateKey privateKey;

    DiffieHellman(DhGroup group, SecureRandom random) {
        super(group.method());
        this.group = group;
        this.random = random;
    }

    @Override
    byte[] initiate() {
        return generate();
    }

    @Override
    byte[] finish(byte[] peerValue) throws InvalidKeyExchangeValueException {
        return agree(group, privateKey, peerValue);
    }

    @Override
    Response answer(byte[] peerValue) throws InvalidKeyExchangeValueException {
        byte[] ours = generate();
        return new Response(ours, agree(group, privateKey, peerValue));
    }

    @Override
    void dropPrivateKey() {
        destroyQuietly(privateKey);
        privateKey = null;
    }

    private byte[] generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(group.keyAlgorithm());
            generator.initialize(group.keyPairParameters(), random);
            KeyPair pair = generator.generateKeyPair();
            privateKey = pair.getPrivate();
            return group.encode(pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new TransformException(group.method() + " key generation failed", e);
        }
    }

    /**
     * Validates the peer's Key Exchange Data and agrees on the shared secret with {@code ours}: the whole receiving
     * side of the exchange, also used on its own by the known-answer tests.
     */
    static byte[] agree(DhGroup group, PrivateKey ours, byte[] peerValue) throws InvalidKeyExchangeValueException {
        var peerSpec = group.decode(peerValue);
        byte[] secret;
        try {
            PublicKey peer = KeyFactory.getInstance(group.keyAlgorithm()).generatePublic(peerSpec);
            KeyAgreement agreement = KeyAgreement.getInstance(group.agreementAlgorithm());
            agreement.init(ours);
            agreement.doPhase(peer, true);
            secret = agreement.generateSecret();
        } catch (InvalidKeySpecException | InvalidKeyException e) {
            throw new InvalidKeyExchangeValueException(group.method(), group.providerRejection(), e);
        } catch (GeneralSecurityException e) {
            throw new TransformException(group.method() + " key agreement failed", e);
        }
        try {
            group.checkSharedSecret(secret);
        } catch (InvalidKeyExchangeValueException e) {
            KeyMaterial.wipe(secret);
            throw e;
        }
        return secret;
    }
}
