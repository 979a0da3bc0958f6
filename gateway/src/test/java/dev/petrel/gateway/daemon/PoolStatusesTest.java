package dev.petrel.gateway.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.gateway.control.AddressPoolStatus;
import dev.petrel.gateway.control.PoolLeaseStatus;
import dev.petrel.ike.pool.AddressPool;
import dev.petrel.ike.pool.AddressRange;
import dev.petrel.ike.pool.IpFamily;
import dev.petrel.ike.pool.Lease;
import dev.petrel.ike.pool.PoolConfig;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pool's leases in the control socket's terms, as {@code swanctl --list-pools --leases} lists them. */
class PoolStatusesTest {
    @Test
    void leasesAreListedOnlineAndOfflineInAddressOrder() {
        AddressPool pool = new AddressPool(new PoolConfig("rw", List.of(
                AddressRange.cidr(InetAddress.ofLiteral("2001:db8:3::"), 120), AddressRange.cidr(InetAddress.ofLiteral("10.3.0.0"), 28)),
                List.of(), List.of()));
        Lease carol = pool.acquire("carol@example.com", null, IpFamily.V4).orElseThrow();
        pool.acquire("dave@example.com", null, IpFamily.V4).orElseThrow();
        pool.acquire("carol@example.com", null, IpFamily.V6).orElseThrow();
        pool.release(carol);
        assertEquals(new AddressPoolStatus("rw", List.of("2001:db8:3::1-2001:db8:3::fe", "10.3.0.1-10.3.0.14"), 268, 2, 1, List.of(
                new PoolLeaseStatus("10.3.0.1", "carol@example.com", "offline"),
                new PoolLeaseStatus("10.3.0.2", "dave@example.com", "online"),
                new PoolLeaseStatus("2001:db8:3::1", "carol@example.com", "online"))), Statuses.pool(pool.status()));
    }
}
