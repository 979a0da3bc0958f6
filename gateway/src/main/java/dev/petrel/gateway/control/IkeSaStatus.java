package dev.petrel.gateway.control;

import java.util.List;
import java.util.Objects;

/**
 * An IKE SA as {@code swanctl --list-sas} shows it.
 *
 * @param connection the name of the connection it belongs to
 * @param uniqueId the daemon's number for this IKE SA, unique while the daemon runs
 * @param localHost this side's address, e.g. {@code 192.0.2.1} or {@code 2001:db8::1}
 * @param localPort this side's UDP port (500, or 4500 once NAT-T floated)
 * @param localId this side's identity, as swanctl prints it ({@code moon.example.org}, {@code C=CH, O=..., CN=...})
 * @param initiator whether this side initiated the IKE SA
 * @param initiatorSpi the initiator's SPI, 16 lowercase hex digits
 * @param responderSpi the responder's SPI, 16 lowercase hex digits (zeros until the responder answered)
 * @param natLocal whether this side is behind a NAT (RFC 7296 §2.23)
 * @param natRemote whether the peer is behind a NAT
 * @param establishedSeconds seconds since the IKE SA was established; not shown while {@code CONNECTING}
 * @param remoteEapId the EAP identity the peer proved, empty without EAP
 * @param localVirtualIps virtual IPs assigned to this side (RFC 7296 §2.19)
 * @param remoteVirtualIps virtual IPs this side assigned to the peer
 */
public record IkeSaStatus(
        String connection,
        long uniqueId,
        IkeSaState state,
        String localHost,
        int localPort,
        String remoteHost,
        int remotePort,
        String localId,
        String remoteId,
        boolean initiator,
        String initiatorSpi,
        String responderSpi,
        Algorithms algorithms,
        boolean natLocal,
        boolean natRemote,
        long establishedSeconds,
        String remoteEapId,
        List<String> localVirtualIps,
        List<String> remoteVirtualIps,
        List<ChildSaStatus> children) {

    public IkeSaStatus {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(localHost, "localHost");
        Objects.requireNonNull(remoteHost, "remoteHost");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(remoteId, "remoteId");
        Objects.requireNonNull(initiatorSpi, "initiatorSpi");
        Objects.requireNonNull(responderSpi, "responderSpi");
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(remoteEapId, "remoteEapId");
        localVirtualIps = List.copyOf(localVirtualIps);
        remoteVirtualIps = List.copyOf(remoteVirtualIps);
        children = List.copyOf(children);
    }
}
