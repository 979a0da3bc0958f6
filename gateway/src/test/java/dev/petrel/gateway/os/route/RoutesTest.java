package dev.petrel.gateway.os.route;

import dev.petrel.testkit.netns.UsesNamespaces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.gateway.os.tun.TunDevice;
import dev.petrel.testkit.netns.Ip;
import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Routes} in the left namespace of a {@link TestNetwork}, checked against what {@code ip route} shows. */
@UsesNamespaces
class RoutesTest {
    private static final IpPrefix RIGHT_NET = IpPrefix.parse("203.0.113.0/24");
    private static final IpPrefix RIGHT_NET_IPV6 = IpPrefix.parse("2001:db8:2::/48");
    private static final String PROTO = String.valueOf(Routes.PROTOCOL);
    private static final int ENETUNREACH = 101;


    @Test
    void routesCarryPetrelsProtocolAndFlushStaleRemovesThemAlone() throws Exception {
        try (TestNetwork net = TestNetwork.create("por");
             TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("petrel%d"));
             Routes routes = Netns.call(net.left(), Routes::open)) {
            String ns = net.left();
            tun.up();
            routes.replace(RIGHT_NET, tun.index(), TestNetwork.LEFT_INNER);
            routes.replace(RIGHT_NET, tun.index(), TestNetwork.LEFT_INNER); // replace: still one route
            routes.replace(RIGHT_NET_IPV6, tun.index(), TestNetwork.LEFT_INNER_IPV6);
            assertEquals("203.0.113.0/24 dev " + tun.name() + " scope link src 198.51.100.1",
                    Ip.in(ns, "route", "show", "proto", PROTO).strip());
            String v6 = Ip.in(ns, "-6", "route", "show", "proto", PROTO).strip();
            assertTrue(v6.startsWith("2001:db8:2::/48 dev " + tun.name() + " src 2001:db8:1::1 ") && v6.lines().count() == 1, v6);

            // what a daemon that died left behind, and a route that is not Petrel's
            Ip.in(ns, "route", "add", "203.0.113.128/25", "dev", ns, "proto", PROTO);
            Ip.in(ns, "route", "add", "198.51.100.128/25", "dev", ns, "proto", "static");
            assertEquals(3, routes.flushStale());
            assertEquals("", Ip.in(ns, "route", "show", "proto", PROTO).strip());
            assertEquals("", Ip.in(ns, "-6", "route", "show", "proto", PROTO).strip());
            assertTrue(Ip.in(ns, "route", "show", "proto", "static").contains("198.51.100.128/25"));
            assertEquals(0, routes.flushStale());
        }
    }

    @Test
    void deleteRemovesOneRoute() throws Exception {
        try (TestNetwork net = TestNetwork.create("por");
             TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("petrel%d"));
             Routes routes = Netns.call(net.left(), Routes::open)) {
            tun.up();
            routes.replace(RIGHT_NET, tun.index());
            routes.replace(RIGHT_NET_IPV6, tun.index());
            routes.delete(RIGHT_NET, tun.index());
            assertEquals("", Ip.in(net.left(), "route", "show", "proto", PROTO).strip());
            routes.delete(RIGHT_NET_IPV6, tun.index());
            assertEquals("", Ip.in(net.left(), "-6", "route", "show", "proto", PROTO).strip());
            ErrnoException again = assertThrows(ErrnoException.class, () -> routes.delete(RIGHT_NET, tun.index()));
            assertTrue(again.getMessage().startsWith("RTM_DELROUTE 203.0.113.0/24 dev " + tun.index() + ": No such process (errno 3)"),
                    again.getMessage());
        }
    }

    @Test
    void lookupFindsDeviceSourceGatewayAndMtu() throws Exception {
        try (TestNetwork net = TestNetwork.create("por");
             TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("petrel%d"));
             Routes routes = Netns.call(net.left(), Routes::open)) {
            String ns = net.left();
            RouteLookup veth = routes.lookup(TestNetwork.RIGHT_IPV4);
            assertEquals(new RouteLookup(veth.ifindex(), ns, Optional.of(TestNetwork.LEFT_IPV4), Optional.empty(), 1500), veth);
            RouteLookup veth6 = routes.lookup(TestNetwork.RIGHT_IPV6);
            assertEquals(new RouteLookup(veth.ifindex(), ns, Optional.of(TestNetwork.LEFT_IPV6), Optional.empty(), 1500), veth6);

            ErrnoException unreachable = assertThrows(ErrnoException.class, () -> routes.lookup(InetAddress.ofLiteral("203.0.113.9")));
            assertEquals(ENETUNREACH, unreachable.errno());
            assertTrue(unreachable.getMessage().startsWith("RTM_GETROUTE 203.0.113.9: Network is unreachable"), unreachable.getMessage());

            tun.setMtu(1400);
            tun.up();
            routes.replace(RIGHT_NET, tun.index(), TestNetwork.LEFT_INNER);
            assertEquals(new RouteLookup(tun.index(), tun.name(), Optional.of(TestNetwork.LEFT_INNER), Optional.empty(), 1400),
                    routes.lookup(InetAddress.ofLiteral("203.0.113.9")));

            Ip.in(ns, "route", "add", "198.51.100.128/25", "via", TestNetwork.RIGHT_IPV4.getHostAddress(), "mtu", "1280");
            RouteLookup via = routes.lookup(InetAddress.ofLiteral("198.51.100.200"));
            assertEquals(Optional.of(TestNetwork.RIGHT_IPV4), via.gateway());
            assertEquals(1280, via.mtu(), "the route's MTU before the device's");

            routes.replace(RIGHT_NET, tun.index(), TestNetwork.LEFT_INNER, 1338);
            assertEquals(1338, routes.lookup(InetAddress.ofLiteral("203.0.113.9")).mtu(), "our own route's MTU");
        }
    }

    @Test
    void aRefusalCarriesTheKernelsReason() throws Exception {
        try (TestNetwork net = TestNetwork.create("por");
             TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("petrel%d"));
             Routes routes = Netns.call(net.left(), Routes::open)) {
            tun.up();
            ErrnoException e = assertThrows(ErrnoException.class, () -> routes.replace(RIGHT_NET, tun.index(), TestNetwork.RIGHT_INNER));
            assertEquals("RTM_NEWROUTE 203.0.113.0/24 dev " + tun.index() + " src 203.0.113.1: Invalid argument (errno 22): "
                    + "Invalid prefsrc address", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> routes.replace(RIGHT_NET, tun.index(), TestNetwork.LEFT_INNER_IPV6));
        }
    }
}
