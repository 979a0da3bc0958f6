package dev.petrel.wire.ike;

import java.util.ArrayList;
import java.util.List;

/**
 * The Delete payload (RFC 7296 §3.11): the IKE SA (protocol 1, SPI size 0, no SPIs: the SA the message belongs to),
 * or Child SAs of AH or ESP by their 4-octet SPIs.
 */
public record DeletePayload(int protocolId, List<Integer> spis) implements Payload {
    public DeletePayload {
        Checks.u8("protocol id", protocolId);
        spis = List.copyOf(spis);
        if (protocolId == ProtocolId.IKE.value() && !spis.isEmpty()) {
            throw new IllegalArgumentException("deleting the IKE SA names no SPI");
        }
        Checks.range("SPI count", spis.size(), (Checks.MAX_BODY - 4) / 4);
    }

    /** Deletes the IKE SA of the message. */
    public static DeletePayload ikeSa() {
        return new DeletePayload(ProtocolId.IKE.value(), List.of());
    }

    @Override
    public int type() {
        return PayloadType.DELETE.value();
    }

    private static int spiSize(int protocolId) {
        return protocolId == ProtocolId.IKE.value() ? 0 : 4;
    }

    static DeletePayload decode(Reader r) throws IkeDecodeException {
        int protocolId = r.u8("protocolId");
        if (protocolId != ProtocolId.IKE.value() && protocolId != ProtocolId.AH.value() && protocolId != ProtocolId.ESP.value()) {
            throw r.error("protocolId", protocolId + " is not IKE, AH or ESP");
        }
        int spiSize = r.u8("spiSize");
        int count = r.u16("spiCount");
        if (spiSize != spiSize(protocolId)) {
            throw r.error("spiSize", spiSize + " for protocol " + protocolId + ", expected " + spiSize(protocolId));
        }
        if ((long) count * spiSize != r.remaining() || (spiSize == 0 && count != 0)) {
            throw r.error("spiCount", count + " SPIs of " + spiSize + " octets in " + r.remaining() + " octets");
        }
        List<Integer> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spis.add(r.u32("spi[" + (i + 1) + "]"));
        }
        return new DeletePayload(protocolId, spis);
    }

    void encode(Writer w) {
        w.u8(protocolId);
        w.u8(spiSize(protocolId));
        w.u16(spis.size());
        for (int spi : spis) {
            w.u32(spi);
        }
    }
}
