package dev.petrel.ike.event;

import java.net.InetAddress;
import java.util.List;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.keys.IkeSuite;

/**
 * An IKE SA finished IKE_AUTH: who, where, with which algorithms, whether a NAT lies between us, and the virtual
 * IPs of its CP exchange (RFC 7296 §3.15).
 *
 * @param remoteId the peer's IKE identity (its first authentication round)
 * @param virtualIps as initiator the addresses assigned to us, as responder those we assigned to the peer
 */
public record IkeSaEstablished(long ikeSaId, String connection, boolean initiator, Endpoint local, Endpoint remote,
        Identity localId, Identity remoteId, IkeSuite suite, boolean natDetected, List<InetAddress> virtualIps)
        implements IkeEvent {
    public IkeSaEstablished {
        virtualIps = List.copyOf(virtualIps);
    }
}
