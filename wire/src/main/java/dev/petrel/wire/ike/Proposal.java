package dev.petrel.wire.ike;

import java.util.ArrayList;
import java.util.List;

/**
 * A proposal substructure of an SA payload (RFC 7296 §3.3.1): its number, the protocol (IKE, AH, ESP), the SPI
 * (none or 8 octets for IKE, 4 for AH and ESP) and the transforms.
 */
public record Proposal(int number, int protocolId, byte[] spi, List<TransformEntry> transforms) {
    public Proposal {
        Checks.u8("proposal number", number);
        Checks.u8("protocol id", protocolId);
        Checks.bytes("SPI", spi, 0xff);
        transforms = List.copyOf(transforms);
        Checks.range("transform count", transforms.size(), 0xff);
        if (transforms.isEmpty()) {
            throw new IllegalArgumentException("a proposal has at least one transform");
        }
    }

    /** Decodes what follows the Proposal Length field. */
    static Proposal decode(Reader r) throws IkeDecodeException {
        int number = r.u8("number");
        int protocolId = r.u8("protocolId");
        int spiSize = r.u8("spiSize");
        boolean valid = switch (protocolId) {
            case 1 -> spiSize == 0 || spiSize == 8; // IKE: none in IKE_SA_INIT, the new SPI when rekeying
            case 2, 3 -> spiSize == 4;
            default -> true;
        };
        if (!valid) {
            throw r.error("spiSize", spiSize + " is wrong for protocol " + protocolId);
        }
        int count = r.u8("transformCount");
        byte[] spi = r.bytes(spiSize, "spi");
        List<TransformEntry> transforms = new ArrayList<>();
        int last;
        do {
            String name = "transform[" + (transforms.size() + 1) + "]";
            last = r.u8(name + ".last");
            if (last != 0 && last != 3) {
                throw r.error(name + ".last", last + " is neither 0 nor 3");
            }
            r.skip(1, name + ".reserved");
            transforms.add(TransformEntry.decode(r.structure(name, 4, 8)));
        } while (last == 3);
        r.end("transform[" + transforms.size() + "]");
        if (transforms.size() != count) {
            throw r.error("transformCount", count + ", but " + transforms.size() + " transforms follow");
        }
        return new Proposal(number, protocolId, spi, transforms);
    }

    /** Encodes the whole substructure, with {@code last} 0 or 2 (RFC 7296 §3.3.1). */
    void encode(Writer w, boolean last) {
        int start = w.position();
        w.u8(last ? 0 : 2);
        w.zeros(3);
        w.u8(number);
        w.u8(protocolId);
        w.u8(spi.length);
        w.u8(transforms.size());
        w.bytes(spi);
        for (int i = 0; i < transforms.size(); i++) {
            transforms.get(i).encode(w, i == transforms.size() - 1);
        }
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
