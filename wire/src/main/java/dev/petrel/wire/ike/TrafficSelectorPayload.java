package dev.petrel.wire.ike;

import java.util.ArrayList;
import java.util.List;

/** The Traffic Selector payload (RFC 7296 §3.13): TSi (type 44) when {@code initiator}, TSr (45) otherwise. */
public record TrafficSelectorPayload(boolean initiator, List<TrafficSelectorEntry> selectors) implements Payload {
    public TrafficSelectorPayload {
        selectors = List.copyOf(selectors);
        Checks.u8("traffic selector count", selectors.size());
    }

    @Override
    public int type() {
        return (initiator ? PayloadType.TSI : PayloadType.TSR).value();
    }

    static TrafficSelectorPayload decode(Reader r, boolean initiator) throws IkeDecodeException {
        int count = r.u8("count");
        r.skip(3, "reserved");
        List<TrafficSelectorEntry> selectors = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            selectors.add(TrafficSelectorEntry.decode(r, "selector[" + i + "]"));
        }
        r.end("selector[" + count + "]");
        return new TrafficSelectorPayload(initiator, selectors);
    }

    void encode(Writer w) {
        w.u8(selectors.size());
        w.zeros(3);
        for (TrafficSelectorEntry s : selectors) {
            s.encode(w);
        }
    }
}
