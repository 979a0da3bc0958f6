package dev.petrel.ike.engine;

import dev.petrel.ike.auth.SignatureAuth;
import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.HashAlgorithm;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The SIGNATURE_HASH_ALGORITHMS notify of IKE_SA_INIT (RFC 7427 §4): its data is a list of two-octet IKEv2 Hash
 * Algorithm values. Both sides send it when they would use or accept Digital Signature authentication; each signs
 * only with a hash the other announced.
 */
final class SignatureHashes {
    private SignatureHashes() {}

    /** Ours: {@link SignatureAuth#HASHES}. */
    static NotifyPayload ours() {
        byte[] data = new byte[2 * SignatureAuth.HASHES.size()];
        for (int i = 0; i < SignatureAuth.HASHES.size(); i++) {
            int value = SignatureAuth.HASHES.get(i).value();
            data[2 * i] = (byte) (value >>> 8);
            data[2 * i + 1] = (byte) value;
        }
        return NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, data);
    }

    /** The hashes the peer announced in {@code message} (values we do not know left out), or null when it sent none. */
    static Set<HashAlgorithm> announced(IkeMessage message) {
        var notify = message.notify(NotifyType.SIGNATURE_HASH_ALGORITHMS);
        if (notify.isEmpty()) {
            return null;
        }
        byte[] d = notify.get().data();
        Set<HashAlgorithm> out = EnumSet.noneOf(HashAlgorithm.class);
        for (int i = 0; i + 1 < d.length; i += 2) {
            IanaValue.byValue(HashAlgorithm.class, ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff)).ifPresent(out::add);
        }
        return out;
    }
}
