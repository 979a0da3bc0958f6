package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.EncryptedPayload;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeHeader;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.PayloadChain;
import java.util.List;

/** Builds the messages of an IKE SA: the header from its SPIs and our role, the payloads plain or inside SK. */
final class Messages {
    private Messages() {}

    static ExchangeType exchangeType(IkeHeader header) {
        return IanaValue.byValue(ExchangeType.class, header.exchangeType()).orElseThrow();
    }

    static IkeHeader header(IkeSa sa, ExchangeType type, boolean response, int messageId) {
        return new IkeHeader(sa.initiatorSpi, sa.responderSpi, 0, type.value(), sa.initiator, response, messageId, 0);
    }

    /** An unprotected message (IKE_SA_INIT, RFC 7296 §1.2). */
    static byte[] plain(IkeSa sa, ExchangeType type, boolean response, int messageId, List<Payload> payloads) {
        return new IkeMessage(header(sa, type, response, messageId), payloads).encode();
    }

    /** A message whose payloads travel inside the SK payload (RFC 7296 §3.14), sealed with the SA's keys. */
    static byte[] protect(IkeSa sa, ExchangeType type, boolean response, int messageId, List<Payload> payloads) {
        byte[] plaintext = PayloadChain.encode(payloads);
        try {
            int bodyLength = sa.protection.sealedLength(plaintext.length);
            EncryptedPayload sk = new EncryptedPayload(PayloadChain.firstType(payloads), new byte[bodyLength]);
            byte[] message = new IkeMessage(header(sa, type, response, messageId), List.of(sk)).encode();
            sa.protection.seal(message, message.length - bodyLength, plaintext);
            return message;
        } finally {
            KeyMaterial.wipe(plaintext);
        }
    }
}
