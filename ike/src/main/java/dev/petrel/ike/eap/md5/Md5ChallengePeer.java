package dev.petrel.ike.eap.md5;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.eap.MethodResult;
import dev.petrel.ike.eap.PeerMethod;
import java.time.Instant;
import java.util.Arrays;

/**
 * EAP-MD5-Challenge on the peer's side (RFC 3748 §5.4): it answers each challenge (Value-Size, Value, optional Name)
 * with MD5(Identifier, password, challenge) and no Name (RFC 1994 §4.1). Finished once it answered; no MSK.
 */
public final class Md5ChallengePeer implements PeerMethod {
    private final byte[] password;
    private boolean answered;

    /** {@code password} becomes this method's, which wipes it. */
    public Md5ChallengePeer(byte[] password) {
        this.password = password;
    }

    @Override
    public MethodResult receive(byte[] typeData, int identifier, Instant now) {
        int size = typeData.length == 0 ? 0 : typeData[0] & 0xff;
        if (size == 0 || typeData.length < 1 + size) {
            return new MethodResult.Failed("EAP-MD5: the challenge's Value-Size " + size + " does not fit its "
                    + Math.max(0, typeData.length - 1) + " octets of Value (RFC 1994 §4.1)");
        }
        byte[] value = ChapMd5.response(identifier, password, Arrays.copyOfRange(typeData, 1, 1 + size));
        byte[] out = new byte[1 + value.length];
        out[0] = (byte) value.length;
        System.arraycopy(value, 0, out, 1, value.length);
        answered = true;
        return new MethodResult.Continue(out);
    }

    @Override
    public boolean finished() {
        return answered;
    }

    @Override
    public byte[] msk() {
        return null;
    }

    @Override
    public String status() {
        return answered ? "answered the challenge" : "no challenge yet";
    }

    @Override
    public void destroy() {
        KeyMaterial.wipe(password);
    }
}
