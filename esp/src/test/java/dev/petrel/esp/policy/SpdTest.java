package dev.petrel.esp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.Packets;
import dev.petrel.esp.packet.SelectorParser;
import dev.petrel.wire.iana.IpProtocol;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpdTest {
    private static final List<TrafficSelector> LOCAL_NET = List.of(TrafficSelector.subnet("198.51.100.0/24"));
    private static final List<TrafficSelector> REMOTE_NET = List.of(TrafficSelector.subnet("203.0.113.0/24"));

    static PacketSelector packet(String src, String dst, int protocol, int srcPort, int dstPort) {
        byte[] s = address(src);
        byte[] d = address(dst);
        byte[] raw = new byte[s.length * 2];
        System.arraycopy(s, 0, raw, 0, s.length);
        System.arraycopy(d, 0, raw, s.length, d.length);
        return new PacketSelector().set(raw, 0, s.length, s.length, protocol, srcPort, dstPort);
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void emptyDatabaseDiscardsEverythingBothWays() {
        Spd<String> spd = new Spd<>();
        PacketSelector p = packet("198.51.100.1", "203.0.113.1", IpProtocol.UDP, 1, 2);
        assertSame(spd.defaultPolicy(), spd.lookupOutbound(p));
        assertEquals(PolicyAction.DISCARD, spd.lookupOutbound(p).action());
        assertEquals(PolicyAction.DISCARD, spd.lookupOutbound(packet("2001:db8::1", "2001:db8:1::1", IpProtocol.TCP, 1, 2)).action());
        assertEquals(PolicyAction.DISCARD, spd.lookupInbound(p));
    }

    @Test
    void eachActionIsReturnedWithItsHandle() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.protect("tunnel", LOCAL_NET, REMOTE_NET, "child-1"));
        spd.add(SecurityPolicy.bypass("dns", List.of(TrafficSelector.any(false)),
                List.of(TrafficSelector.subnet("192.0.2.53/32", IpProtocol.UDP, 53, 53))));
        spd.add(SecurityPolicy.discard("block", List.of(TrafficSelector.any(false)), List.of(TrafficSelector.subnet("192.0.2.0/24"))));

        SecurityPolicy<String> protect = spd.lookupOutbound(packet("198.51.100.7", "203.0.113.9", IpProtocol.TCP, 40000, 443));
        assertEquals("tunnel", protect.name());
        assertEquals(PolicyAction.PROTECT, protect.action());
        assertEquals("child-1", protect.protection());

        SecurityPolicy<String> bypass = spd.lookupOutbound(packet("192.0.2.1", "192.0.2.53", IpProtocol.UDP, 5353, 53));
        assertEquals("dns", bypass.name());
        assertEquals(PolicyAction.BYPASS, bypass.action());

        assertEquals("block", spd.lookupOutbound(packet("192.0.2.1", "192.0.2.53", IpProtocol.TCP, 5353, 53)).name());
        assertSame(spd.defaultPolicy(), spd.lookupOutbound(packet("192.0.2.1", "8.8.8.8", IpProtocol.TCP, 1, 53)));
    }

    @Test
    void firstMatchWinsAndShadowsLaterPolicies() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.discard("all-remote", LOCAL_NET, REMOTE_NET));
        spd.add(SecurityPolicy.bypass("web", LOCAL_NET, List.of(TrafficSelector.subnet("203.0.113.0/24", IpProtocol.TCP, 80, 80))));
        PacketSelector web = packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1234, 80);
        assertEquals("all-remote", spd.lookupOutbound(web).name(), "the broader policy ranks first and shadows the narrow one");

        spd.remove("web");
        spd.insert(0, SecurityPolicy.bypass("web", LOCAL_NET, List.of(TrafficSelector.subnet("203.0.113.0/24", IpProtocol.TCP, 80, 80))));
        assertEquals("web", spd.lookupOutbound(web).name());
        assertEquals("all-remote", spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1234, 81)).name());
        assertEquals(List.of("web", "all-remote"), spd.policies().stream().map(SecurityPolicy::name).toList());
    }

    @Test
    void replaceKeepsRankAndNamesAreUnique() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.protect("a", LOCAL_NET, REMOTE_NET, "sa-1"));
        spd.add(SecurityPolicy.discard("b", LOCAL_NET, List.of(TrafficSelector.any(false))));
        spd.replace(SecurityPolicy.protect("a", LOCAL_NET, REMOTE_NET, "sa-2"));
        assertEquals("sa-2", spd.policies().get(0).protection());
        assertEquals("sa-2", spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1, 2)).protection());
        assertThrows(IllegalArgumentException.class, () -> spd.add(SecurityPolicy.bypass("b", LOCAL_NET, REMOTE_NET)));
        assertThrows(IllegalArgumentException.class, () -> spd.replace(SecurityPolicy.bypass("c", LOCAL_NET, REMOTE_NET)));
        assertThrows(IllegalArgumentException.class, () -> spd.replaceAll(List.of(
                SecurityPolicy.bypass("x", LOCAL_NET, REMOTE_NET), SecurityPolicy.discard("x", LOCAL_NET, REMOTE_NET))));
        assertFalse(spd.remove("c"));
        assertTrue(spd.remove("a"));
        assertEquals(List.of("b"), spd.policies().stream().map(SecurityPolicy::name).toList());

        spd.replaceAll(List.of(SecurityPolicy.bypass("reloaded", LOCAL_NET, REMOTE_NET)));
        assertEquals(List.of("reloaded"), spd.policies().stream().map(SecurityPolicy::name).toList());
    }

    @Test
    void policiesValidateTheirHandle() {
        assertThrows(IllegalArgumentException.class, () -> new SecurityPolicy<>("p", LOCAL_NET, REMOTE_NET, PolicyAction.PROTECT, null));
        assertThrows(IllegalArgumentException.class, () -> new SecurityPolicy<>("p", LOCAL_NET, REMOTE_NET, PolicyAction.BYPASS, "sa"));
        assertThrows(IllegalArgumentException.class, () -> SecurityPolicy.bypass("p", List.of(), REMOTE_NET));
        assertThrows(IllegalArgumentException.class, () -> SecurityPolicy.bypass(" ", LOCAL_NET, REMOTE_NET));
    }

    @Test
    void familiesDoNotCrossMatch() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.protect("v6", List.of(TrafficSelector.subnet("2001:db8:1::/48")),
                List.of(TrafficSelector.subnet("2001:db8:2::/48")), "sa6"));
        spd.add(SecurityPolicy.protect("v4", LOCAL_NET, REMOTE_NET, "sa4"));
        assertEquals("sa6", spd.lookupOutbound(packet("2001:db8:1::5", "2001:db8:2::9", IpProtocol.UDP, 1, 2)).protection());
        assertEquals("sa4", spd.lookupOutbound(packet("198.51.100.5", "203.0.113.9", IpProtocol.UDP, 1, 2)).protection());
        assertSame(spd.defaultPolicy(), spd.lookupOutbound(packet("2001:db8:1::5", "2001:db8:3::9", IpProtocol.UDP, 1, 2)));
    }

    @Test
    void protocolAndPortRangesAreInclusive() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.bypass("tcp-range", List.of(TrafficSelector.subnet("198.51.100.0/24", IpProtocol.TCP, 1024, 65535)),
                List.of(TrafficSelector.subnet("203.0.113.0/24", IpProtocol.TCP, 80, 443))));
        for (int port : new int[] {80, 81, 443}) {
            assertEquals(PolicyAction.BYPASS, spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1024, port)).action());
        }
        assertEquals(PolicyAction.DISCARD, spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1024, 79)).action());
        assertEquals(PolicyAction.DISCARD, spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1024, 444)).action());
        assertEquals(PolicyAction.DISCARD, spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1023, 80)).action());
        assertEquals(PolicyAction.DISCARD, spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.UDP, 1024, 80)).action());
    }

    @Test
    void icmpTypeAndCodeAreMatchedAsPorts() {
        // RFC 4301 §4.4.1.3: ICMP type in the high octet, code in the low octet of the 16-bit "port".
        int echoRequest = 8 << 8;
        int unreachableFragNeeded = 3 << 8 | 4;
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.bypass("pmtud", List.of(TrafficSelector.any(false)),
                List.of(TrafficSelector.subnet("0.0.0.0/0", IpProtocol.ICMP, 3 << 8, 3 << 8 | 0xff))));
        spd.add(SecurityPolicy.protect("ping", LOCAL_NET, List.of(TrafficSelector.subnet("203.0.113.0/24", IpProtocol.ICMP, echoRequest, echoRequest)), "sa"));
        assertEquals("pmtud", spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.ICMP, unreachableFragNeeded, unreachableFragNeeded)).name());
        assertEquals("ping", spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.ICMP, echoRequest, echoRequest)).name());
        assertSame(spd.defaultPolicy(), spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.ICMP, 8 << 8 | 1, 8 << 8 | 1)));
        assertSame(spd.defaultPolicy(), spd.lookupOutbound(packet("198.51.100.1", "203.0.113.1", IpProtocol.ICMPV6, echoRequest, echoRequest)));
    }

    @Test
    void opaquePortsMatchOnlyFullPortRanges() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.bypass("web", LOCAL_NET, List.of(TrafficSelector.subnet("203.0.113.0/24", IpProtocol.UDP, 0, 1023))));
        spd.add(SecurityPolicy.protect("udp", LOCAL_NET, List.of(TrafficSelector.subnet("203.0.113.0/24", IpProtocol.UDP, 0, 65535)), "sa"));
        PacketSelector fragment = packet("198.51.100.1", "203.0.113.1", IpProtocol.UDP, -1, -1);
        assertEquals("udp", spd.lookupOutbound(fragment).name(), "a non-initial fragment skips the port-limited policy");
    }

    @Test
    void inboundClearTextIsDiscardedWhenPolicyDemandsProtection() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.bypass("ike", LOCAL_NET, List.of(TrafficSelector.subnet("203.0.113.1/32", IpProtocol.UDP, 500, 500))));
        spd.add(SecurityPolicy.protect("tunnel", LOCAL_NET, REMOTE_NET, "sa"));
        spd.add(SecurityPolicy.bypass("lan", LOCAL_NET, List.of(TrafficSelector.subnet("192.0.2.0/24"))));
        // inbound: the source is remote, the destination local
        assertEquals(PolicyAction.BYPASS, spd.lookupInbound(packet("203.0.113.1", "198.51.100.1", IpProtocol.UDP, 500, 500)));
        assertEquals(PolicyAction.DISCARD, spd.lookupInbound(packet("203.0.113.1", "198.51.100.1", IpProtocol.TCP, 80, 4000)));
        assertEquals(PolicyAction.BYPASS, spd.lookupInbound(packet("192.0.2.5", "198.51.100.1", IpProtocol.TCP, 80, 4000)));
        assertEquals(PolicyAction.DISCARD, spd.lookupInbound(packet("192.0.2.5", "198.51.100.1", IpProtocol.TCP, 80, 4000).set(
                address("198.51.100.1"), 0, 0, 4, IpProtocol.TCP, 80, 4000)), "local to local matches nothing");
        // the reversed direction does not match inbound: source local, destination remote
        assertEquals(PolicyAction.DISCARD, spd.lookupInbound(packet("198.51.100.1", "192.0.2.5", IpProtocol.TCP, 80, 4000)));
    }

    @Test
    void rawPacketsThroughTheSelectorParser() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.bypass("ping6", List.of(TrafficSelector.subnet("2001:db8::/48")),
                List.of(TrafficSelector.subnet("2001:db8:1::/48", IpProtocol.ICMPV6, 128 << 8, 128 << 8 | 0xff))));
        spd.add(SecurityPolicy.protect("dns", LOCAL_NET, List.of(TrafficSelector.subnet("203.0.113.0/24", IpProtocol.UDP, 53, 53)), "sa"));
        SelectorParser parser = new SelectorParser();
        PacketSelector selector = new PacketSelector();
        byte[] dns = Packets.udp("198.51.100.7", 5000, "203.0.113.9", 53, 10);
        assertTrue(parser.parse(dns, 0, dns.length, selector));
        assertEquals("dns", spd.lookupOutbound(selector).name());
        byte[] echo = new byte[8];
        echo[0] = (byte) 128;
        byte[] ping = Packets.ip("2001:db8::1", "2001:db8:1::2", IpProtocol.ICMPV6, echo);
        assertTrue(parser.parse(ping, 0, ping.length, selector));
        assertEquals("ping6", spd.lookupOutbound(selector).name());
        echo[0] = (byte) 129; // echo reply: not covered
        ping = Packets.ip("2001:db8::1", "2001:db8:1::2", IpProtocol.ICMPV6, echo);
        assertTrue(parser.parse(ping, 0, ping.length, selector));
        assertSame(spd.defaultPolicy(), spd.lookupOutbound(selector));
    }

    @Test
    void lookupsDoNotAllocate() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.discard("other", LOCAL_NET, List.of(TrafficSelector.subnet("192.0.2.0/24"))));
        spd.add(SecurityPolicy.protect("tunnel", LOCAL_NET, REMOTE_NET, "sa"));
        PacketSelector hit = packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1, 2);
        PacketSelector miss = packet("198.51.100.1", "8.8.8.8", IpProtocol.TCP, 1, 2);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        int matched = 0;
        for (int warm = 0; warm < 2; warm++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 20_000; i++) {
                matched += spd.lookupOutbound(hit).action() == PolicyAction.PROTECT ? 1 : 0;
                matched += spd.lookupOutbound(miss).action() == PolicyAction.DISCARD ? 1 : 0;
                matched += spd.lookupInbound(hit) == PolicyAction.DISCARD ? 1 : 0;
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            assertTrue(allocated < 4096, "60000 lookups allocated " + allocated + " bytes");
        }
        assertEquals(120_000, matched);
    }

    @Test
    void lookupsSeeConsistentSnapshotsWhileTheControlPlaneWrites() throws InterruptedException {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.protect("tunnel", LOCAL_NET, REMOTE_NET, "sa"));
        List<TrafficSelector> lan = List.of(TrafficSelector.subnet("192.0.2.0/24"));
        int writers = 2;
        int readers = 3;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(writers + readers);
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        AtomicInteger toggledSeen = new AtomicInteger();
        for (int w = 0; w < writers; w++) {
            String name = "toggle-" + w;
            Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        spd.insert(0, SecurityPolicy.bypass(name, LOCAL_NET, lan));
                        spd.remove(name);
                    }
                } catch (Throwable t) {
                    failures.put(name, t);
                } finally {
                    done.countDown();
                }
            });
        }
        for (int r = 0; r < readers; r++) {
            String name = "reader-" + r;
            Thread.ofPlatform().start(() -> {
                PacketSelector tunnel = packet("198.51.100.1", "203.0.113.1", IpProtocol.TCP, 1, 2);
                PacketSelector toLan = packet("198.51.100.1", "192.0.2.1", IpProtocol.TCP, 1, 2);
                try {
                    start.await();
                    for (int i = 0; i < 50_000; i++) {
                        assertEquals("tunnel", spd.lookupOutbound(tunnel).name());
                        SecurityPolicy<String> p = spd.lookupOutbound(toLan);
                        if (p.action() == PolicyAction.BYPASS) {
                            assertTrue(p.name().startsWith("toggle-"), p.name());
                            toggledSeen.incrementAndGet();
                        } else {
                            assertSame(spd.defaultPolicy(), p);
                        }
                    }
                } catch (Throwable t) {
                    failures.put(name, t);
                } finally {
                    done.countDown();
                }
            });
        }
        start.countDown();
        assertTrue(done.await(30, TimeUnit.SECONDS), "threads did not finish in time");
        assertEquals(Map.of(), failures);
        assertEquals(List.of("tunnel"), spd.policies().stream().map(SecurityPolicy::name).toList());
    }
}
