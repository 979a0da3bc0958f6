package dev.petrel.crypto.ke;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.TransformException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import javax.crypto.KeyAgreement;

/** A Diffie-Hellman exchange over a {@link DhGroup}: both roles generate a key pair and agree with the peer's key. */
final class DiffieHellman extends KeyExchange {
    private final DhGroup group;

    DiffieHellman(DhGroup group, SecureRandom random) {
        super(group.method(), random);
        this.group = group;
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

    private byte[] generate() {
        return group.encode(generateKeyPair(group.keyAlgorithm(), group.keyPairParameters()));
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
