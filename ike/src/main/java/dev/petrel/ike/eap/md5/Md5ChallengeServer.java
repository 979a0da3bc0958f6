package dev.petrel.ike.eap.md5;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.eap.EapUsers;
import dev.petrel.ike.eap.MethodResult;
import dev.petrel.ike.eap.ServerMethod;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * EAP-MD5-Challenge on the authenticator's side (RFC 3748 §5.4): one request with a 16-octet random challenge, one
 * response with MD5(Identifier, password, challenge) (RFC 1994 §4.1). The password is looked up when the response
 * arrives, so an unknown user and a wrong password look the same to the peer. No MSK: it authenticates only the peer.
 */
public final class Md5ChallengeServer implements ServerMethod {
    private final String identity;
    private final EapUsers users;
    private final byte[] challenge = new byte[ChapMd5.LENGTH];
    private int identifier;

    public Md5ChallengeServer(String identity, EapUsers users, SecureRandom random) {
        this.identity = identity;
        this.users = users;
        random.nextBytes(challenge);
    }

    @Override
    public byte[] start(int identifier) {
        this.identifier = identifier;
        byte[] out = new byte[1 + challenge.length];
        out[0] = (byte) challenge.length;
        System.arraycopy(challenge, 0, out, 1, challenge.length);
        return out;
    }

    @Override
    public MethodResult receive(byte[] typeData, int nextIdentifier, Instant now) {
        if (typeData.length < 1 + ChapMd5.LENGTH || typeData[0] != ChapMd5.LENGTH) {
            return new MethodResult.Failed("EAP-MD5: the response's Value is not 16 octets (Value-Size "
                    + (typeData.length == 0 ? "missing" : typeData[0] & 0xff) + ", RFC 1994 §4.1)");
        }
        byte[] password = users.password(identity);
        if (password == null) {
            return new MethodResult.Failed("EAP-MD5: unknown user '" + identity + "'");
        }
        byte[] expected = ChapMd5.response(identifier, password, challenge);
        KeyMaterial.wipe(password);
        byte[] value = new byte[ChapMd5.LENGTH];
        System.arraycopy(typeData, 1, value, 0, value.length);
        boolean right = MessageDigest.isEqual(expected, value);
        return right ? new MethodResult.Authenticated(null, identity)
                : new MethodResult.Failed("EAP-MD5: wrong password for '" + identity + "'");
    }

    @Override
    public void destroy() {
        KeyMaterial.wipe(challenge);
    }
}
