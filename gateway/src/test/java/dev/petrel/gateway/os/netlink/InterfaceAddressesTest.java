package dev.petrel.gateway.os.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.gateway.os.tun.TunDevice;
import dev.petrel.testkit.netns.Ip;
import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.UsesNamespaces;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Interfaces#addAddress} and {@link Interfaces#removeAddress} on a veth in a namespace of this test's own
 * ({@code poolx<pid>x<n>}), checked against what {@code ip -j addr} shows.
 */
@UsesNamespaces
class InterfaceAddressesTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int EADDRNOTAVAIL = 99;
    private static final InetAddress V4 = InetAddress.ofLiteral("10.3.0.5");
    private static final InetAddress V6 = InetAddress.ofLiteral("2001:db8:3::5");

    private String ns;

    @BeforeEach
    void createNamespace() throws IOException {
        ns = "poolx" + ProcessHandle.current().pid() % 10_000 + "x" + COUNTER.incrementAndGet();
        Ip.run("netns", "add", ns);
        Ip.in(ns, "link", "add", "poolx0", "type", "veth", "peer", "name", "poolx1");
        Ip.in(ns, "link", "set", "poolx0", "up");
        Ip.in(ns, "link", "set", "poolx1", "up");
    }

    @AfterEach
    void deleteNamespace() throws IOException {
        Ip.run("netns", "delete", ns);
    }

    /** The addresses of {@code device} as {@code ip -j addr} shows them: family, address/length and flags. */
    private List<String> addresses(String device) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode a : new ObjectMapper().readTree(Ip.in(ns, "-j", "addr", "show", "dev", device)).get(0).get("addr_info")) {
            if (a.get("scope").asText().equals("link")) {
                continue; // the kernel's own IPv6 link-local address
            }
            out.add(a.get("family").asText() + " " + a.get("local").asText() + "/" + a.get("prefixlen").asInt()
                    + (a.path("nodad").asBoolean() ? " nodad" : "") + (a.path("tentative").asBoolean() ? " tentative" : ""));
        }
        return out;
    }

    @Test
    void addsAndRemovesIpv4AndIpv6AddressesUsableAtOnce() throws Exception {
        try (RtNetlink netlink = Netns.call(ns, RtNetlink::open)) {
            Link link = Interfaces.link(netlink, "poolx0");
            Interfaces.addAddress(netlink, link.index(), V4, 24);
            Interfaces.addAddress(netlink, link.index(), V6, 64);
            Interfaces.addAddress(netlink, link.index(), V4, 24); // again: replaced, still one
            assertEquals(List.of("inet 10.3.0.5/24", "inet6 2001:db8:3::5/64 nodad"), addresses("poolx0"),
                    "IPv6 without duplicate address detection: never tentative");

            Interfaces.removeAddress(netlink, link.index(), V4, 24);
            assertEquals(List.of("inet6 2001:db8:3::5/64 nodad"), addresses("poolx0"));
            Interfaces.removeAddress(netlink, link.index(), V6, 64);
            assertEquals(List.of(), addresses("poolx0"));

            ErrnoException gone = assertThrows(ErrnoException.class, () -> Interfaces.removeAddress(netlink, link.index(), V4, 24));
            assertEquals(EADDRNOTAVAIL, gone.errno());
            assertTrue(gone.getMessage().startsWith("RTM_DELADDR 10.3.0.5/24 index " + link.index() + ": "), gone.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Interfaces.removeAddress(netlink, link.index(), V4, 33));
        }
    }

    @Test
    void aTunDeviceTakesAVirtualIpAndGivesItBack() throws Exception {
        try (TunDevice tun = Netns.call(ns, () -> TunDevice.open("poolx%d"))) {
            tun.up();
            tun.addAddress(V4, 32);
            tun.addAddress(V6, 128);
            assertEquals(List.of("inet 10.3.0.5/32", "inet6 2001:db8:3::5/128 nodad"), addresses(tun.name()));
            tun.removeAddress(V4, 32);
            tun.removeAddress(V6, 128);
            assertEquals(List.of(), addresses(tun.name()));
        }
    }
}
