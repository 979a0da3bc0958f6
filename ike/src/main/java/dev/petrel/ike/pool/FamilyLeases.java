package dev.petrel.ike.pool;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The leases of one family of one pool, with strongSwan's mem_pool rules: an identity keeps one address, online
 * while IKE SAs hold it, offline (remembered for it) once none does; new identities take addresses never handed
 * out before, in order, and only when there are none left the offline lease that went offline first. A lease once
 * made is never forgotten, only passed on, so the state is at most one entry per address of the ranges, and the
 * cursor over never-used addresses only moves forward. Not thread-safe: {@link AddressPool} guards it.
 */
final class FamilyLeases {
    /** One leased address: whose it is and how many IKE SAs hold it (0: offline). */
    private static final class Held {
        private final String identity;
        private final InetAddress address;
        private int holders;

        Held(String identity, InetAddress address) {
            this.identity = identity;
            this.address = address;
        }
    }

    private final List<AddressRange> ranges;
    private final long size;
    /** The position, over the ranges one after the other, from which no address has been handed out in order. */
    private long next;
    private final Map<InetAddress, Held> byAddress = new HashMap<>();
    private final Map<String, Held> byIdentity = new HashMap<>();
    /** The offline leases, the one that went offline first first. */
    private final SequencedSet<Held> offline = new LinkedHashSet<>();

    FamilyLeases(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
        this.size = ranges.stream().mapToLong(AddressRange::size).sum();
    }

    long size() {
        return size;
    }

    /**
     * The identity's address, now online for one more IKE SA: its lease if it has one; else {@code requested}
     * (nullable) if that is in the ranges and nobody's; else the next address never handed out; else the oldest
     * offline lease of another identity. Empty when every address is online.
     */
    Optional<InetAddress> acquire(String identity, InetAddress requested) {
        Held held = byIdentity.get(identity);
        if (held == null) {
            InetAddress address;
            if (requested != null && ranges.stream().anyMatch(r -> r.contains(requested)) && !byAddress.containsKey(requested)) {
                address = requested;
            } else if (hasUnused()) {
                address = at(next++);
            } else if (!offline.isEmpty()) {
                Held previous = offline.removeFirst();
                byIdentity.remove(previous.identity);
                address = previous.address;
            } else {
                return Optional.empty();
            }
            held = new Held(identity, address);
            byAddress.put(address, held);
            byIdentity.put(identity, held);
        } else if (held.holders == 0) {
            offline.remove(held);
        }
        held.holders++;
        return Optional.of(held.address);
    }

    /** One IKE SA of {@code identity} gave {@code address} back; false if the identity held no such lease. */
    boolean release(String identity, InetAddress address) {
        Held held = byIdentity.get(identity);
        if (held == null || !held.address.equals(address) || held.holders == 0) {
            return false;
        }
        if (--held.holders == 0) {
            offline.addLast(held);
        }
        return true;
    }

    /** True when a new identity would get nothing: every address is online. */
    boolean full() {
        return !hasUnused() && offline.isEmpty();
    }

    int online() {
        return byAddress.size() - offline.size();
    }

    int offline() {
        return offline.size();
    }

    /** Every lease, in address order. */
    List<LeaseStatus> leases() {
        List<LeaseStatus> out = new ArrayList<>();
        byAddress.values().forEach(h -> out.add(new LeaseStatus(h.address, h.identity, h.holders > 0)));
        out.sort((a, b) -> Arrays.compareUnsigned(a.address().getAddress(), b.address().getAddress()));
        return out;
    }

    /** Moves {@link #next} past addresses leased by request; true when one never handed out is left. */
    private boolean hasUnused() {
        while (next < size && byAddress.containsKey(at(next))) {
            next++;
        }
        return next < size;
    }

    private InetAddress at(long position) {
        long rest = position;
        for (AddressRange r : ranges) {
            if (rest < r.size()) {
                return r.address((int) rest);
            }
            rest -= r.size();
        }
        throw new IndexOutOfBoundsException("address " + position + " of " + size);
    }
}
