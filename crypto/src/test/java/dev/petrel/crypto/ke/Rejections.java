package dev.petrel.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.KeyExchangeMethod;
import org.junit.jupiter.api.function.Executable;

/** Assertions that a bad peer value is refused with the right check and a message free of key bytes. */
final class Rejections {
    private Rejections() {}

    static InvalidKeyExchangeValueException assertRejected(KeyExchangeMethod method, Check check, byte[] peerValue,
            Executable call) {
        var e = assertThrows(InvalidKeyExchangeValueException.class, call);
        assertEquals(method, e.method());
        assertEquals(check, e.check(), e.getMessage());
        if (peerValue.length >= 8) {
            assertFalse(e.getMessage().toLowerCase().contains(Hex.encode(peerValue).substring(0, 16)),
                    "the message must not carry the value");
        }
        return e;
    }

    /** A Diffie-Hellman value is refused by a responder and by an initiator alike. */
    static void assertRejectedInBothRoles(KeyExchangeMethod method, Check check, byte[] peerValue) {
        KeyExchange responder = KeyExchanges.create(method, TestRandom.seeded(1));
        assertRejected(method, check, peerValue, () -> responder.respond(peerValue));
        KeyExchange initiator = KeyExchanges.create(method, TestRandom.seeded(2));
        initiator.publicValue();
        assertRejected(method, check, peerValue, () -> initiator.complete(peerValue));
    }
}
