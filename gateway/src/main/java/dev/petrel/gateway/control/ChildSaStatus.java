package dev.petrel.gateway.control;

import java.util.List;
import java.util.Objects;

/**
 * A CHILD_SA as {@code swanctl --list-sas} shows it under its IKE SA.
 *
 * @param name the name of the child configuration it was made from
 * @param uniqueId the daemon's number for this CHILD_SA, unique while the daemon runs
 * @param reqid the number of the policies it serves (a rekeyed CHILD_SA keeps its predecessor's)
 * @param mode {@code TUNNEL} or {@code TRANSPORT}
 * @param protocol {@code ESP} or {@code AH}
 * @param udpEncap whether ESP travels in UDP (NAT-T, RFC 3948)
 * @param spiIn the SPI of the inbound SA, 8 lowercase hex digits
 * @param spiOut the SPI of the outbound SA, 8 lowercase hex digits
 * @param esn whether extended sequence numbers are in use
 * @param installedSeconds seconds since the SAs went into the data plane
 * @param localTs this side's traffic selectors, e.g. {@code 198.51.100.0/24} or {@code 10.0.0.1/32[udp/500]}
 * @param remoteTs the peer's traffic selectors
 */
public record ChildSaStatus(
        String name,
        long uniqueId,
        long reqid,
        ChildSaState state,
        String mode,
        String protocol,
        boolean udpEncap,
        String spiIn,
        String spiOut,
        Algorithms algorithms,
        boolean esn,
        long bytesIn,
        long packetsIn,
        long bytesOut,
        long packetsOut,
        long installedSeconds,
        List<String> localTs,
        List<String> remoteTs) {

    public ChildSaStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(spiIn, "spiIn");
        Objects.requireNonNull(spiOut, "spiOut");
        Objects.requireNonNull(algorithms, "algorithms");
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }
}
