package dev.petrel.gateway.daemon;

import dev.petrel.gateway.os.tun.TunDevice;
import dev.petrel.ike.event.IkeSaDeleted;
import dev.petrel.ike.event.IkeSaEstablished;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The virtual IPs a gateway assigned us (RFC 7296 §2.19), on the TUN device while their IKE SA lives: added when it
 * is established, before its CHILD_SA's routes (which take one as their source), removed when it is deleted. Runs
 * on the IKE loop thread.
 */
final class VirtualAddresses {
    private static final System.Logger LOG = System.getLogger(VirtualAddresses.class.getName());

    private final TunDevice tun;
    private final Map<Long, List<InetAddress>> bySa = new HashMap<>();

    VirtualAddresses(TunDevice tun) {
        this.tun = tun;
    }

    void established(IkeSaEstablished e) {
        if (!e.initiator() || e.virtualIps().isEmpty()) {
            return;
        }
        List<InetAddress> added = new ArrayList<>();
        for (InetAddress vip : e.virtualIps()) {
            try {
                tun.addAddress(vip, prefix(vip));
                added.add(vip);
                LOG.log(Level.INFO, "{0}: virtual IP {1} on {2}", e.connection(), vip.getHostAddress(), tun.name());
            } catch (IOException ex) {
                LOG.log(Level.WARNING, "{0}: virtual IP {1} not installed: {2}", e.connection(), vip.getHostAddress(),
                        ex.getMessage());
            }
        }
        bySa.put(e.ikeSaId(), added);
    }

    void deleted(IkeSaDeleted e) {
        for (InetAddress vip : bySa.getOrDefault(e.ikeSaId(), List.of())) {
            try {
                tun.removeAddress(vip, prefix(vip));
            } catch (IOException ex) {
                LOG.log(Level.WARNING, "removing virtual IP {0}: {1}", vip.getHostAddress(), ex.getMessage());
            }
        }
        bySa.remove(e.ikeSaId());
    }

    /** One address: the routes into the tunnel, not the address's prefix, say what goes there. */
    private static int prefix(InetAddress vip) {
        return vip instanceof Inet6Address ? 128 : 32;
    }
}
