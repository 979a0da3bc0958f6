package dev.petrel.ike.ts;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.wire.iana.IpProtocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.petrel.wire.ike.TrafficSelectorEntry;
import dev.petrel.wire.ike.TrafficSelectorPayload;
import dev.petrel.wire.ike.TsType;

/**
 * Traffic selector narrowing (RFC 7296 §2.9): the responder answers with the intersection of what the initiator
 * proposed and what its policy allows; the initiator accepts an answer only within what it proposed.
 */
public final class TrafficSelectors {
    private TrafficSelectors() {}

    /**
     * Every non-empty pairwise intersection of {@code proposed} with {@code allowed}, without duplicates, in the
     * order of {@code proposed}. Empty when nothing overlaps: the responder then answers TS_UNACCEPTABLE.
     */
    public static List<TrafficSelector> narrow(List<TrafficSelector> proposed, List<TrafficSelector> allowed) {
        List<TrafficSelector> out = new ArrayList<>();
        for (TrafficSelector p : proposed) {
            for (TrafficSelector a : allowed) {
                TrafficSelector i = intersection(p, a);
                if (i != null && !out.contains(i)) {
                    out.add(i);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * swanctl's {@code dynamic} selector, with a protocol and ports: it stands for the side's address, or its virtual
     * IPs (RFC 7296 §2.9, §3.15), known only when the SA is negotiated. Written as 0.0.0.0/32, which no real
     * policy protects.
     */
    public static TrafficSelector dynamic(int ipProtocol, int startPort, int endPort) {
        return new TrafficSelector(new byte[4], new byte[4], ipProtocol, startPort, endPort);
    }

    public static boolean isDynamic(TrafficSelector ts) {
        return !ts.isIpv6() && Arrays.equals(ts.startAddress(), new byte[4]) && Arrays.equals(ts.endAddress(), new byte[4]);
    }

    /** {@code selectors} with each dynamic one replaced by the address ranges of {@code addresses}, its protocol and ports kept. */
    public static List<TrafficSelector> resolve(List<TrafficSelector> selectors, List<TrafficSelector> addresses) {
        List<TrafficSelector> out = new ArrayList<>();
        for (TrafficSelector ts : selectors) {
            if (!isDynamic(ts)) {
                out.add(ts);
                continue;
            }
            for (TrafficSelector a : addresses) {
                TrafficSelector r = new TrafficSelector(a.startAddress(), a.endAddress(), ts.ipProtocol(), ts.startPort(),
                        ts.endPort());
                if (!out.contains(r)) {
                    out.add(r);
                }
            }
        }
        return List.copyOf(out);
    }

    /** One address as a selector range, any protocol and port. */
    public static TrafficSelector host(InetAddress address) {
        byte[] a = address.getAddress();
        return new TrafficSelector(a, a, IpProtocol.ANY, 0, 65535);
    }

    /** True when every selector of {@code inner} lies within some selector of {@code outer}. */
    public static boolean within(List<TrafficSelector> inner, List<TrafficSelector> outer) {
        return !inner.isEmpty() && inner.stream().allMatch(i -> outer.stream().anyMatch(o -> i.equals(intersection(i, o))));
    }

    /** The selector covering what both cover, or null when they share nothing (another family, protocol, ports). */
    public static TrafficSelector intersection(TrafficSelector a, TrafficSelector b) {
        if (a.isIpv6() != b.isIpv6()) {
            return null;
        }
        int protocol;
        if (a.ipProtocol() == IpProtocol.ANY) {
            protocol = b.ipProtocol();
        } else if (b.ipProtocol() == IpProtocol.ANY || b.ipProtocol() == a.ipProtocol()) {
            protocol = a.ipProtocol();
        } else {
            return null;
        }
        int startPort = Math.max(a.startPort(), b.startPort());
        int endPort = Math.min(a.endPort(), b.endPort());
        byte[] start = max(a.startAddress(), b.startAddress());
        byte[] end = min(a.endAddress(), b.endAddress());
        if (startPort > endPort || Arrays.compareUnsigned(start, end) > 0) {
            return null;
        }
        return new TrafficSelector(start, end, protocol, startPort, endPort);
    }

    private static byte[] max(byte[] x, byte[] y) {
        return Arrays.compareUnsigned(x, y) >= 0 ? x : y;
    }

    private static byte[] min(byte[] x, byte[] y) {
        return Arrays.compareUnsigned(x, y) <= 0 ? x : y;
    }

    /** The selectors of a TSi or TSr payload; OPAQUE port ranges (start above end, RFC 4301 §4.4.1) match none of ours. */
    public static List<TrafficSelector> fromWire(TrafficSelectorPayload payload) {
        List<TrafficSelector> out = new ArrayList<>();
        for (TrafficSelectorEntry e : payload.selectors()) {
            if (e.startPort() <= e.endPort() && Arrays.compareUnsigned(e.startAddress(), e.endAddress()) <= 0) {
                out.add(new TrafficSelector(e.startAddress(), e.endAddress(), e.ipProtocol(), e.startPort(), e.endPort()));
            }
        }
        return List.copyOf(out);
    }

    /** A TSi ({@code initiator}) or TSr payload carrying {@code selectors}. */
    public static TrafficSelectorPayload toWire(boolean initiator, List<TrafficSelector> selectors) {
        List<TrafficSelectorEntry> entries = new ArrayList<>();
        for (TrafficSelector t : selectors) {
            int type = t.isIpv6() ? TsType.TS_IPV6_ADDR_RANGE.value() : TsType.TS_IPV4_ADDR_RANGE.value();
            entries.add(new TrafficSelectorEntry(type, t.ipProtocol(), t.startPort(), t.endPort(), t.startAddress(), t.endAddress()));
        }
        return new TrafficSelectorPayload(initiator, entries);
    }
}
