package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;
import java.util.Optional;

/**
 * The Notify payload (RFC 7296 §3.10): the protocol and SPI it concerns (none for the IKE SA, whose protocol is
 * then sent as 0), the notify type and its data.
 */
public record NotifyPayload(int protocolId, byte[] spi, int notifyType, byte[] data) implements Payload {
    private static final byte[] NONE = {};

    public NotifyPayload {
        Checks.u8("protocol id", protocolId);
        Checks.bytes("SPI", spi, 0xff);
        Checks.u16("notify type", notifyType);
        Checks.bytes("notification data", data, Checks.MAX_BODY - 4 - spi.length);
    }

    /** A notification about the IKE SA, or none in particular: no SPI. */
    public static NotifyPayload of(NotifyType type, byte[] data) {
        return new NotifyPayload(0, NONE, type.value(), data);
    }

    /** {@link #of(NotifyType, byte[])} with no data. */
    public static NotifyPayload of(NotifyType type) {
        return of(type, NONE);
    }

    /** A notification about the Child SA {@code spi} of {@code protocol}, e.g. REKEY_SA (RFC 7296 §1.3.3). */
    public static NotifyPayload of(NotifyType type, ProtocolId protocol, int spi, byte[] data) {
        return new NotifyPayload(protocol.value(), new byte[] {(byte) (spi >>> 24), (byte) (spi >>> 16), (byte) (spi >>> 8), (byte) spi}, type.value(), data);
    }

    @Override
    public int type() {
        return PayloadType.NOTIFY.value();
    }

    /** Whether the notify type is an error (RFC 7296 §3.10.1). */
    public boolean isError() {
        return NotifyType.isError(notifyType);
    }

    /** The notify type, if we know it. */
    public Optional<NotifyType> knownType() {
        return IanaValue.byValue(NotifyType.class, notifyType);
    }

    static NotifyPayload decode(Reader r) throws IkeDecodeException {
        int protocolId = r.u8("protocolId");
        int spiSize = r.u8("spiSize");
        int notifyType = r.u16("type");
        byte[] spi = r.bytes(spiSize, "spi");
        return new NotifyPayload(protocolId, spi, notifyType, r.rest());
    }

    void encode(Writer w) {
        w.u8(protocolId);
        w.u8(spi.length);
        w.u16(notifyType);
        w.bytes(spi);
        w.bytes(data);
    }

    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }

    @Override
    public String toString() {
        return RecordValues.toString(this);
    }
}
