package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An IKE message (RFC 7296 §3): the header and the payload chain. An SK or SKF payload, if any, is the last one and
 * stays encrypted. On encode, the header's Next Payload and Length are computed from the payloads; the values in
 * {@link #header} are ignored.
 */
public record IkeMessage(IkeHeader header, List<Payload> payloads) {
    public IkeMessage {
        Objects.requireNonNull(header, "header");
        payloads = List.copyOf(payloads);
    }

    /** Decodes the datagram {@code b[off, off + len)}, whose header's Length must be {@code len}. */
    public static IkeMessage decode(byte[] b, int off, int len) throws IkeDecodeException {
        IkeHeader header = IkeHeader.decode(b, off, len);
        if (Integer.toUnsignedLong(header.length()) != len) {
            throw new Reader(b, off, len).error("header.length", Integer.toUnsignedString(header.length()) + ", but the datagram has " + len + " octets");
        }
        Reader r = new Reader(b, off + IkeHeader.LENGTH, len - IkeHeader.LENGTH);
        return new IkeMessage(header, PayloadChain.decode(header.nextPayload(), r, "header", true));
    }

    public byte[] encode() {
        Writer w = new Writer();
        w.zeros(IkeHeader.LENGTH);
        PayloadChain.encode(payloads, w);
        byte[] out = w.toByteArray();
        new IkeHeader(header.initiatorSpi(), header.responderSpi(), PayloadChain.firstType(payloads), header.exchangeType(),
                header.initiator(), header.response(), header.messageId(), out.length).encode(out, 0);
        return out;
    }

    /** The length of {@link #encode()}. */
    public int encodedLength() {
        return encode().length;
    }

    /** The first payload of the given class. */
    public <T extends Payload> Optional<T> first(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** IDi when {@code initiator}, else IDr (RFC 7296 §3.5). */
    public Optional<IdentificationPayload> identification(boolean initiator) {
        return payloads.stream().filter(p -> p instanceof IdentificationPayload id && id.initiator() == initiator)
                .map(IdentificationPayload.class::cast).findFirst();
    }

    /** TSi when {@code initiator}, else TSr (RFC 7296 §3.13). */
    public Optional<TrafficSelectorPayload> trafficSelectors(boolean initiator) {
        return payloads.stream().filter(p -> p instanceof TrafficSelectorPayload ts && ts.initiator() == initiator)
                .map(TrafficSelectorPayload.class::cast).findFirst();
    }

    /** The Notify payloads, in order. */
    public List<NotifyPayload> notifies() {
        List<NotifyPayload> out = new ArrayList<>();
        for (Payload p : payloads) {
            if (p instanceof NotifyPayload n) {
                out.add(n);
            }
        }
        return out;
    }

    /** The first Notify payload of the given type. */
    public Optional<NotifyPayload> notify(NotifyType type) {
        return notifies().stream().filter(n -> n.notifyType() == type.value()).findFirst();
    }

    /** The exchange type, if we know it. */
    public Optional<ExchangeType> exchangeType() {
        return IanaValue.byValue(ExchangeType.class, header.exchangeType());
    }
}
