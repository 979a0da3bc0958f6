package dev.petrel.ike.engine;

import dev.petrel.wire.ike.ProtocolId;

/** Remove both SAs of a CHILD_SA from the data plane: the inbound one by our SPI, the outbound one by the peer's. */
public record RemoveChildSa(long ikeSaId, String child, ProtocolId protocol, int inboundSpi, int outboundSpi)
        implements Action {
    @Override
    public String toString() {
        return "RemoveChildSa[ike " + ikeSaId + ", " + child + ", " + protocol + " in " + Spis.hex(inboundSpi) + " out "
                + Spis.hex(outboundSpi) + "]";
    }
}
