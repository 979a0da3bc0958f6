package dev.petrel.gateway.daemon;

import dev.petrel.gateway.os.tun.TunDevice;
import dev.petrel.ike.event.IkeSaDeleted;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.IkeSaRekeyed;
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
 * is established, before its CHILD_SA's routes (which take one as their source), handed to its successor when it is
 * rekeyed, removed when it is deleted unless a reauthenticated successor holds them too. Runs on the IKE loop thread.
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
            if (held(vip)) {
                added.add(vip); // a reauthentication's new IKE SA got the address its predecessor holds
                continue;
            }
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

    /** The IKE SA was rekeyed: its successor holds the virtual IPs now (RFC 7296 §2.18), and their end. */
    void rekeyed(IkeSaRekeyed e) {
        List<InetAddress> vips = bySa.remove(e.ikeSaId());
        if (vips != null) {
            bySa.put(e.newIkeSaId(), vips);
        }
    }

    void deleted(IkeSaDeleted e) {
        List<InetAddress> vips = bySa.remove(e.ikeSaId());
        for (InetAddress vip : vips == null ? List.<InetAddress>of() : vips) {
            if (held(vip)) {
                continue;
            }
            try {
                tun.removeAddress(vip, prefix(vip));
            } catch (IOException ex) {
                LOG.log(Level.WARNING, "removing virtual IP {0}: {1}", vip.getHostAddress(), ex.getMessage());
            }
        }
    }

    /** Whether an IKE SA still holds {@code vip} on the TUN device. */
    private boolean held(InetAddress vip) {
        return bySa.values().stream().anyMatch(vips -> vips.contains(vip));
    }

    /** One address: the routes into the tunnel, not the address's prefix, say what goes there. */
    private static int prefix(InetAddress vip) {
        return vip instanceof Inet6Address ? 128 : 32;
    }
}
