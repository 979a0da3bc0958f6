package dev.petrel.gateway.daemon;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.wire.ip.IpPrefix;
import dev.petrel.gateway.os.route.Routes;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes each CHILD_SA's remote traffic selectors into the TUN device when it is installed, with a source address
 * of ours inside its local selectors (so that traffic this host starts matches the policy) and the MTU its SA leaves
 * (so that the kernel sizes packets and TCP segments for the tunnel), and removes them with the last CHILD_SA or trap
 * policy that needs them; a trap's routes bring the traffic that acquires its CHILD_SA. Done at install time, never
 * per packet. Runs on the IKE loop thread.
 */
final class TunnelRoutes {
    private static final System.Logger LOG = System.getLogger(TunnelRoutes.class.getName());

    private final Routes routes;
    private final int device;
    private final Map<IpPrefix, Integer> users = new HashMap<>();
    /** The prefixes each user added: a CHILD_SA by our inbound SPI, a trap by its connection and child. */
    private final Map<Object, List<IpPrefix>> byUser = new HashMap<>();

    private record TrapUser(String connection, String child) {}

    TunnelRoutes(Routes routes, int device) {
        this.routes = routes;
        this.device = device;
    }

    /** Routes the CHILD_SA's remote selectors into the TUN, with {@code mtu} what its SA carries (0: the device's). */
    void installed(InstallChildSa sa, int mtu) {
        add(sa.inboundSpi(), sa.connection() + "/" + sa.child(), sa.localTs(), sa.remoteTs(), mtu);
    }

    void removed(RemoveChildSa sa) {
        remove(sa.inboundSpi());
    }

    /** Routes a trap policy's remote selectors into the TUN, with the device's MTU until a CHILD_SA says better. */
    void trapped(String connection, String child, List<TrafficSelector> local, List<TrafficSelector> remote) {
        add(new TrapUser(connection, child), connection + "/" + child, local, remote, 0);
    }

    void untrapped(String connection, String child) {
        remove(new TrapUser(connection, child));
    }

    private void add(Object user, String name, List<TrafficSelector> local, List<TrafficSelector> remote, int mtu) {
        List<IpPrefix> added = new ArrayList<>();
        for (TrafficSelector ts : remote) {
            IpPrefix prefix = prefix(ts);
            if (prefix == null) {
                LOG.log(Level.WARNING, "{0}: selector {1} is not one prefix; no route for it", name, ts);
                continue;
            }
            try {
                routes.replace(prefix, device, sourceWithin(local, ts.startAddress().length == 16), mtu);
                users.merge(prefix, 1, Integer::sum);
                added.add(prefix);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "route to {0}: {1}", prefix, e.getMessage());
            }
        }
        byUser.put(user, added);
    }

    private void remove(Object user) {
        for (IpPrefix prefix : byUser.getOrDefault(user, List.of())) {
            if (users.merge(prefix, -1, Integer::sum) <= 0) {
                users.remove(prefix);
                try {
                    routes.delete(prefix, device);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "removing the route to {0}: {1}", prefix, e.getMessage());
                }
            }
        }
        byUser.remove(user);
    }

    /** The selector's address range as a prefix, or null when it is not exactly one. */
    static IpPrefix prefix(TrafficSelector ts) {
        int length = ts.prefixLength();
        try {
            return length < 0 ? null : new IpPrefix(InetAddress.getByAddress(ts.startAddress()), length);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An address of this host inside the selectors, of the family asked for, or null. */
    private static InetAddress sourceWithin(List<TrafficSelector> selectors, boolean ipv6) throws SocketException {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(i.getInetAddresses())) {
                byte[] octets = a.getAddress();
                if ((octets.length == 16) == ipv6 && !a.isLinkLocalAddress()
                        && selectors.stream().anyMatch(ts -> ts.containsAddress(octets, 0, octets.length))) {
                    return a;
                }
            }
        }
        return null;
    }
}
