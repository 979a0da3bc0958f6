package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/**
 * One traffic selector (RFC 7296 §3.13.1): an IP protocol (0 for any), a port range and an address range, with
 * 4-octet addresses for TS_IPV4_ADDR_RANGE and 16-octet ones for TS_IPV6_ADDR_RANGE.
 */
public record TrafficSelectorEntry(int tsType, int ipProtocol, int startPort, int endPort, byte[] startAddress, byte[] endAddress) {
    public TrafficSelectorEntry {
        int length = addressLength(tsType);
        if (length < 0) {
            throw new IllegalArgumentException("unknown traffic selector type " + tsType);
        }
        Checks.u8("IP protocol", ipProtocol);
        Checks.u16("start port", startPort);
        Checks.u16("end port", endPort);
        if (startAddress.length != length || endAddress.length != length) {
            throw new IllegalArgumentException("traffic selector type " + tsType + " has " + length + "-octet addresses");
        }
    }

    /** The address length of a traffic selector type, -1 for a type we do not know. */
    private static int addressLength(int tsType) {
        return IanaValue.byValue(TsType.class, tsType).map(t -> t == TsType.TS_IPV4_ADDR_RANGE ? 4 : 16).orElse(-1);
    }

    static TrafficSelectorEntry decode(Reader r, String name) throws IkeDecodeException {
        int tsType = r.u8(name + ".type");
        int addressLength = addressLength(tsType);
        if (addressLength < 0) {
            throw r.error(name + ".type", "unknown traffic selector type " + tsType);
        }
        int ipProtocol = r.u8(name + ".ipProtocol");
        Reader s = r.structure(name, 4, 8);
        if (s.remaining() != 4 + 2 * addressLength) {
            throw r.error(name + ".length", (s.remaining() + 4) + ", expected " + (8 + 2 * addressLength) + " for type " + tsType);
        }
        return new TrafficSelectorEntry(tsType, ipProtocol, s.u16("startPort"), s.u16("endPort"),
                s.bytes(addressLength, "startAddress"), s.bytes(addressLength, "endAddress"));
    }

    void encode(Writer w) {
        int start = w.position();
        w.u8(tsType);
        w.u8(ipProtocol);
        w.zeros(2);
        w.u16(startPort);
        w.u16(endPort);
        w.bytes(startAddress);
        w.bytes(endAddress);
        w.patchLength(start);
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
