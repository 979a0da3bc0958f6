package dev.petrel.ike.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Leases as strongSwan's mem_pool hands them out, with requested addresses honoured when free. */
class AddressPoolTest {
    private static final int V4 = IpFamily.V4;
    private static final int V6 = IpFamily.V6;

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static AddressPool pool(String name, AddressRange... ranges) {
        return new AddressPool(new PoolConfig(name, List.of(ranges), List.of(), List.of()));
    }

    /** 10.3.0.1 to 10.3.0.14. */
    private static AddressPool rw() {
        return pool("rw", AddressRange.cidr(ip("10.3.0.0"), 28));
    }

    private static InetAddress acquire(AddressPool pool, String identity) {
        return pool.acquire(identity, null, V4).orElseThrow().address();
    }

    @Test
    void newIdentitiesGetTheAddressesInOrderAndEachKeepsItsOwn() {
        AddressPool pool = rw();
        assertEquals(ip("10.3.0.1"), acquire(pool, "alice"));
        assertEquals(ip("10.3.0.2"), acquire(pool, "bob"));
        assertEquals(ip("10.3.0.3"), acquire(pool, "carol"));
        assertEquals(new Lease("rw", "bob", ip("10.3.0.2")), pool.acquire("bob", null, V4).orElseThrow(),
                "a second IKE SA of bob shares his online lease");
        assertEquals(3, pool.status().online());
    }

    @Test
    void aReleasedLeaseGoesOfflineAndComesBackToItsIdentity() {
        AddressPool pool = rw();
        Lease alice = pool.acquire("alice", null, V4).orElseThrow();
        acquire(pool, "bob");
        assertTrue(pool.release(alice));
        assertFalse(pool.release(alice), "released twice");
        assertEquals(new PoolStatus("rw", pool.config().ranges(), 14, 1, 1, List.of(
                new LeaseStatus(ip("10.3.0.1"), "alice", false), new LeaseStatus(ip("10.3.0.2"), "bob", true))), pool.status());
        assertEquals(ip("10.3.0.3"), acquire(pool, "carol"), "alice's offline lease is kept for her");
        assertEquals(alice, pool.acquire("alice", null, V4).orElseThrow());
        assertEquals(3, pool.status().online());
    }

    @Test
    void aLeaseSharedByTwoIkeSasGoesOfflineWithTheLast() {
        AddressPool pool = rw();
        Lease first = pool.acquire("alice", null, V4).orElseThrow();
        Lease second = pool.acquire("alice", null, V4).orElseThrow();
        assertTrue(pool.release(first));
        assertEquals(List.of(new LeaseStatus(ip("10.3.0.1"), "alice", true)), pool.status().leases());
        assertTrue(pool.release(second));
        assertEquals(List.of(new LeaseStatus(ip("10.3.0.1"), "alice", false)), pool.status().leases());
    }

    @Test
    void aRequestedAddressIsHonouredWhenFreeAndInThePool() {
        AddressPool pool = rw();
        assertEquals(ip("10.3.0.9"), pool.acquire("alice", ip("10.3.0.9"), V4).orElseThrow().address());
        assertEquals(ip("10.3.0.1"), pool.acquire("bob", ip("10.3.0.9"), V4).orElseThrow().address(), "alice's");
        assertEquals(ip("10.3.0.2"), pool.acquire("carol", ip("10.3.0.15"), V4).orElseThrow().address(), "the broadcast");
        assertEquals(ip("10.3.0.3"), pool.acquire("dave", ip("192.0.2.1"), V4).orElseThrow().address(), "outside");
        assertEquals(ip("10.3.0.9"), pool.acquire("alice", ip("10.3.0.4"), V4).orElseThrow().address(),
                "one lease per identity: hers, not the one asked for");
        Lease erin = pool.acquire("erin", ip("10.3.0.5"), V4).orElseThrow();
        pool.release(erin);
        assertEquals(ip("10.3.0.4"), pool.acquire("frank", ip("10.3.0.5"), V4).orElseThrow().address(),
                "erin's offline lease is not free");
        // the addresses handed out in order skip those taken by request
        List<InetAddress> rest = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rest.add(acquire(pool, "user" + i));
        }
        assertEquals(List.of(ip("10.3.0.6"), ip("10.3.0.7"), ip("10.3.0.8"), ip("10.3.0.10"), ip("10.3.0.11"),
                ip("10.3.0.12"), ip("10.3.0.13"), ip("10.3.0.14")), rest);
    }

    @Test
    void whenNoAddressWasNeverUsedTheOldestOfflineLeaseIsPassedOnAndThenThePoolIsFull() {
        AddressPool pool = pool("small", new AddressRange(ip("10.3.0.1"), ip("10.3.0.3")));
        Lease a = pool.acquire("a", null, V4).orElseThrow();
        Lease b = pool.acquire("b", null, V4).orElseThrow();
        pool.acquire("c", null, V4).orElseThrow();
        assertEquals(Optional.of("pool small is full: its 3 IPv4 addresses are all online"), pool.unavailable(V4));
        assertEquals(Optional.empty(), pool.acquire("d", null, V4));
        pool.release(b);
        pool.release(a);
        assertEquals(Optional.empty(), pool.unavailable(V4));
        assertEquals(ip("10.3.0.2"), acquire(pool, "d"), "b went offline first");
        assertEquals(ip("10.3.0.1"), acquire(pool, "e"));
        assertEquals(Optional.empty(), pool.acquire("f", null, V4));
        assertEquals(Optional.empty(), pool.acquire("b", null, V4), "b's lease was passed on to d");
        assertFalse(pool.release(b), "b no longer holds it");
        assertEquals(List.of(new LeaseStatus(ip("10.3.0.1"), "e", true), new LeaseStatus(ip("10.3.0.2"), "d", true),
                new LeaseStatus(ip("10.3.0.3"), "c", true)), pool.status().leases());
    }

    @Test
    void familiesAreLeasedApartAndAPoolWithoutOneSaysSo() {
        AddressPool pool = pool("dual", AddressRange.cidr(ip("10.3.0.0"), 30), AddressRange.cidr(ip("2001:db8:3::"), 64));
        Lease v4 = pool.acquire("alice", null, V4).orElseThrow();
        Lease v6 = pool.acquire("alice", null, V6).orElseThrow();
        assertEquals(ip("10.3.0.1"), v4.address());
        assertEquals(ip("2001:db8:3::1"), v6.address());
        assertEquals(ip("2001:db8:3::2"), pool.acquire("bob", null, V6).orElseThrow().address());
        assertEquals(ip("2001:db8:3::7"), pool.acquire("carol", ip("2001:db8:3::7"), V6).orElseThrow().address());
        PoolStatus status = pool.status();
        assertEquals(2 + AddressRange.MAX_SIZE - 2, status.size());
        assertEquals(List.of(ip("10.3.0.1"), ip("2001:db8:3::1"), ip("2001:db8:3::2"), ip("2001:db8:3::7")),
                status.leases().stream().map(LeaseStatus::address).toList());

        AddressPool v4only = rw();
        assertEquals(Optional.empty(), v4only.acquire("alice", null, V6));
        assertEquals(Optional.of("pool rw has no IPv6 addresses"), v4only.unavailable(V6));
        assertThrows(IllegalArgumentException.class, () -> v4only.acquire("alice", ip("2001:db8::1"), V4));
        assertThrows(IllegalArgumentException.class, () -> v4only.acquire("alice", null, 5));
    }

    @Test
    void severalRangesAreUsedOneAfterTheOther() {
        AddressPool pool = pool("two", new AddressRange(ip("10.3.0.1"), ip("10.3.0.2")),
                new AddressRange(ip("10.4.0.1"), ip("10.4.0.1")));
        assertEquals(List.of(ip("10.3.0.1"), ip("10.3.0.2"), ip("10.4.0.1")),
                List.of(acquire(pool, "a"), acquire(pool, "b"), acquire(pool, "c")));
        assertEquals(Optional.empty(), pool.acquire("d", null, V4));
    }

    @Test
    void aLeaseOfAnotherPoolIsNotReleasedHere() {
        AddressPool a = rw();
        AddressPool b = pool("other", AddressRange.cidr(ip("10.3.0.0"), 28)); // what a bad configuration could do
        Lease lease = a.acquire("alice", null, V4).orElseThrow();
        b.acquire("alice", null, V4).orElseThrow();
        assertFalse(b.release(lease));
        assertTrue(a.release(lease));
    }

    @Test
    void manyThreadsAcquiringForDistinctIdentitiesGetDistinctAddresses() throws Exception {
        AddressPool pool = pool("big", AddressRange.cidr(ip("10.8.0.0"), 21)); // 2046 addresses
        int threads = 8;
        int perThread = 250;
        Set<InetAddress> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(executor.submit(() -> {
                    start.await();
                    int distinct = 0;
                    for (int i = 0; i < perThread; i++) {
                        String identity = "user-" + thread + "-" + i;
                        Lease lease = pool.acquire(identity, null, V4).orElseThrow();
                        distinct += seen.add(lease.address()) ? 1 : 0;
                        if (i % 5 == 0) { // some go offline and come back: the same address
                            assertTrue(pool.release(lease));
                            assertEquals(lease, pool.acquire(identity, null, V4).orElseThrow());
                        }
                        pool.status(); // the control socket reads meanwhile
                    }
                    return distinct;
                }));
            }
            start.countDown();
            int distinct = 0;
            for (Future<Integer> f : results) {
                distinct += f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(threads * perThread, distinct);
        } finally {
            executor.shutdownNow();
        }
        PoolStatus status = pool.status();
        assertEquals(threads * perThread, status.online());
        assertEquals(0, status.offline());
        Set<InetAddress> listed = new HashSet<>(status.leases().stream().map(LeaseStatus::address).toList());
        assertEquals(seen, listed);
        assertTrue(listed.stream().allMatch(pool.config().ranges().getFirst()::contains));
    }
}
