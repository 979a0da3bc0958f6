package dev.petrel.ike.pool;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The virtual IPs of one pool and who holds them (strongSwan's mem_pool; RFC 7296 §2.19). One lease per identity
 * and family: the identity gets its previous address back, whether an IKE SA still holds it (a second SA then
 * shares it) or not; a requested address (a non-zero INTERNAL_IP4_ADDRESS or INTERNAL_IP6_ADDRESS) is given to an
 * identity without a lease when it is in the pool and nobody's; others get the addresses never handed out, in
 * order, and then the leases whose identities went offline longest ago. Memory: one entry per address leased,
 * never more than the pool's size, however large its ranges (an IPv6 /64 is narrowed to {@link AddressRange#MAX_SIZE}
 * addresses). Thread-safe.
 */
public final class AddressPool {
    private final PoolConfig config;
    /** By family, only the families the pool has addresses of. */
    private final TreeMap<Integer, FamilyLeases> families = new TreeMap<>();

    public AddressPool(PoolConfig config) {
        this.config = config;
        for (int family : List.of(IpFamily.V4, IpFamily.V6)) {
            List<AddressRange> ranges = config.ranges().stream().filter(r -> r.family() == family).toList();
            if (!ranges.isEmpty()) {
                families.put(family, new FamilyLeases(ranges));
            }
        }
    }

    public PoolConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /**
     * An address of {@code family} (4 or 6) for {@code identity}, online for one more IKE SA until that SA
     * {@link #release releases} it; {@code requested}, nullable, is the address the client asked for. Empty when
     * the pool has no address of the family or every one is online: {@link #unavailable} then says which.
     */
    public synchronized Optional<Lease> acquire(String identity, InetAddress requested, int family) {
        Objects.requireNonNull(identity, "identity");
        IpFamily.check(family);
        if (requested != null && IpFamily.of(requested) != family) {
            throw new IllegalArgumentException("requested " + requested.getHostAddress() + " for an "
                    + IpFamily.name(family) + " address");
        }
        FamilyLeases leases = families.get(family);
        if (leases == null) {
            return Optional.empty();
        }
        InetAddress wish = requested == null ? null : AddressRange.address(requested.getAddress());
        return leases.acquire(identity, wish).map(a -> new Lease(name(), identity, a));
    }

    /**
     * The IKE SA that held {@code lease} is gone: when no other SA holds it, the lease goes offline, kept for its
     * identity while no other needs it. False when {@code lease} is not online in this pool (e.g. released twice).
     */
    public synchronized boolean release(Lease lease) {
        FamilyLeases leases = families.get(lease.family());
        return lease.pool().equals(name()) && leases != null && leases.release(lease.identity(), lease.address());
    }

    /**
     * Why an identity without a lease would get no address of {@code family} now, or empty when it would get one:
     * for the log line and the status listing of a refused client.
     */
    public synchronized Optional<String> unavailable(int family) {
        FamilyLeases leases = families.get(IpFamily.check(family));
        if (leases == null) {
            return Optional.of("pool " + name() + " has no " + IpFamily.name(family) + " addresses");
        }
        if (leases.full()) {
            return Optional.of("pool " + name() + " is full: its " + leases.size() + " " + IpFamily.name(family)
                    + " addresses are all online");
        }
        return Optional.empty();
    }

    /** The pool's ranges, size, online and offline counts and every lease, IPv4 before IPv6, in address order. */
    public synchronized PoolStatus status() {
        List<LeaseStatus> leases = new ArrayList<>();
        long size = 0;
        int online = 0;
        int offline = 0;
        for (FamilyLeases f : families.values()) {
            leases.addAll(f.leases());
            size += f.size();
            online += f.online();
            offline += f.offline();
        }
        return new PoolStatus(name(), config.ranges(), size, online, offline, leases);
    }
}
