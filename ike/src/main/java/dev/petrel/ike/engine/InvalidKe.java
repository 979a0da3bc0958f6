package dev.petrel.ike.engine;

import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import java.util.Optional;

/** INVALID_KE_PAYLOAD (RFC 7296 §1.2, §3.10.1): its data is the two-octet group the responder wants. */
final class InvalidKe {
    private InvalidKe() {}

    static NotifyPayload notify(KeyExchangeMethod wanted) {
        int g = wanted.value();
        return NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {(byte) (g >>> 8), (byte) g});
    }

    /** The group the notify asks for, if it names one we know. */
    static Optional<KeyExchangeMethod> wanted(NotifyPayload notify) {
        byte[] d = notify.data();
        return d.length == 2 ? IanaValue.byValue(KeyExchangeMethod.class, ((d[0] & 0xff) << 8) | (d[1] & 0xff))
                : Optional.empty();
    }
}
