package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.ChildSaState;
import dev.petrel.gateway.control.IkeSaState;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.testkit.interop.SwanctlChildSa;
import dev.petrel.testkit.interop.SwanctlIkeSa;
import dev.petrel.testkit.netns.Ip;
import dev.petrel.testkit.netns.TestNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/** What the SA listings and the hosts' routing must show around a tunnel. */
final class Listings {
    private Listings() {}

    /** The one established IKE SA of {@link Tunnel#CONNECTION} in a Petrel listing. */
    static IkeSaStatus established(List<IkeSaStatus> sas) {
        List<IkeSaStatus> ours = sas.stream().filter(sa -> sa.connection().equals(Tunnel.CONNECTION)).toList();
        assertEquals(1, ours.size(), "IKE SAs of " + Tunnel.CONNECTION + ": " + sas);
        assertEquals(IkeSaState.ESTABLISHED, ours.getFirst().state(), "IKE SA state: " + ours.getFirst());
        return ours.getFirst();
    }

    /** The CHILD_SA {@link Tunnel#CHILD} of a Petrel listing, installed, with packets counted both ways. */
    static ChildSaStatus carriedTraffic(List<IkeSaStatus> sas, String side) {
        IkeSaStatus ike = established(sas);
        List<ChildSaStatus> children = ike.children().stream().filter(c -> c.name().equals(Tunnel.CHILD)).toList();
        assertEquals(1, children.size(), side + ": CHILD_SAs " + Tunnel.CHILD + " in " + ike);
        ChildSaStatus child = children.getFirst();
        assertEquals(ChildSaState.INSTALLED, child.state(), side + ": " + child);
        assertTrue(child.packetsIn() > 0 && child.packetsOut() > 0 && child.bytesIn() > 0 && child.bytesOut() > 0,
                side + ": the CHILD_SA counted no traffic one way: " + child);
        return child;
    }

    /** The CHILD_SA {@link Tunnel#CHILD} of a strongSwan listing, installed, with packets counted both ways. */
    static SwanctlChildSa carriedTraffic(List<SwanctlIkeSa> sas) {
        List<SwanctlIkeSa> ours = sas.stream().filter(sa -> sa.name().equals(Tunnel.CONNECTION)).toList();
        assertEquals(1, ours.size(), "strongSwan's IKE SAs: " + sas);
        assertEquals("ESTABLISHED", ours.getFirst().state(), "strongSwan's IKE SA: " + ours.getFirst());
        List<SwanctlChildSa> children = ours.getFirst().children().stream().filter(c -> c.name().equals(Tunnel.CHILD)).toList();
        assertEquals(1, children.size(), "strongSwan's CHILD_SAs: " + ours.getFirst().children());
        SwanctlChildSa child = children.getFirst();
        assertEquals("INSTALLED", child.state(), "strongSwan's CHILD_SA: " + child);
        long in = Long.parseLong(child.attributes().getOrDefault("packets-in", "0"));
        long out = Long.parseLong(child.attributes().getOrDefault("packets-out", "0"));
        assertTrue(in > 0 && out > 0, "strongSwan's CHILD_SA counted no traffic one way: " + child.attributes());
        return child;
    }

    /**
     * Whether a selector as a listing prints it ({@code 2001:db8:1:0:0:0:0:0/64} or {@code 2001:db8:1::/64}) is the
     * subnet {@code expected}: Petrel prints IPv6 selectors in Java's long form, strongSwan in RFC 5952's.
     */
    static boolean sameSubnet(String printed, String expected) {
        String[] a = printed.split("/", 2);
        String[] b = expected.split("/", 2);
        return a.length == 2 && b.length == 2 && a[1].equals(b[1])
                && InetAddress.ofLiteral(a[0]).equals(InetAddress.ofLiteral(b[0]));
    }

    /** The namespaces of this JVM's test networks with names starting {@code prefix} that still exist. */
    static List<String> leftovers(String prefix) throws IOException {
        return TestNetwork.leftovers().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    /** Petrel's routes (protocol 80) in {@code namespace}, IPv4 and IPv6, one per line. */
    static String petrelRoutes(String namespace) throws IOException {
        return (Ip.in(namespace, "-4", "route", "show", "table", "all", "proto", "80")
                + Ip.in(namespace, "-6", "route", "show", "table", "all", "proto", "80")).strip();
    }

    /** Whether {@code namespace} has a link named {@code device}. */
    static boolean hasLink(String namespace, String device) throws IOException {
        return Ip.in(namespace, "-o", "link", "show").lines().anyMatch(l -> l.matches("\\d+: " + device + "[:@].*"));
    }

    /** Neither a Petrel TUN device nor a Petrel route in {@code namespace}. */
    static void assertNoPetrelState(String namespace) throws IOException {
        assertTrue(!hasLink(namespace, DaemonProcess.TUN), "a " + DaemonProcess.TUN + " device is left in " + namespace
                + ":\n" + Ip.in(namespace, "-o", "link", "show"));
        assertEquals("", petrelRoutes(namespace), "Petrel routes left in " + namespace);
    }
}
