package dev.petrel.cli.control;

import dev.petrel.gateway.control.AddressPoolStatus;
import dev.petrel.gateway.control.PoolLeaseStatus;
import java.io.PrintWriter;
import java.util.List;

/**
 * Pools in the layout of {@code swanctl --list-pools --leases}: name, ranges, online / offline / size, then each lease:
 * <pre>
 * rw-pool              10.3.0.1-10.3.0.14                 1 / 1 / 14
 *   10.3.0.1                       online   'carol@petrel.test'
 * </pre>
 */
public final class PoolListing {
    private PoolListing() { }

    public static void print(List<AddressPoolStatus> pools, PrintWriter out) {
        for (AddressPoolStatus pool : pools) {
            out.printf("%-20s %-34s %d / %d / %d%n", pool.name(), String.join(", ", pool.addrs()), pool.online(),
                    pool.offline(), pool.size());
            for (PoolLeaseStatus lease : pool.leases()) {
                out.printf("  %-30s %-8s '%s'%n", lease.address(), lease.status(), lease.identity());
            }
        }
    }
}
