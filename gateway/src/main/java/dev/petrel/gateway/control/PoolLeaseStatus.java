package dev.petrel.gateway.control;

import java.util.Objects;

/**
 * One lease of an {@link AddressPoolStatus}, in VICI's {@code list-pools} words.
 *
 * @param address the virtual IP
 * @param identity the identity it belongs to
 * @param status {@code online} (an IKE SA holds it) or {@code offline} (kept for the identity)
 */
public record PoolLeaseStatus(String address, String identity, String status) {
    public PoolLeaseStatus {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(identity, "identity");
        if (!status.equals("online") && !status.equals("offline")) {
            throw new IllegalArgumentException("lease status '" + status + "': online or offline");
        }
    }
}
