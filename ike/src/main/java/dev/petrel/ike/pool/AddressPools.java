package dev.petrel.ike.pool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's address pools by name. A reload {@link #update}s them: a pool whose configuration did not change
 * keeps its leases, as strongSwan keeps them. Thread-safe: the IKE thread leases, the control socket lists.
 */
public final class AddressPools {
    private Map<String, AddressPool> byName = Map.of();

    public AddressPools(List<PoolConfig> configs) {
        update(configs);
    }

    /** The pools are now {@code configs}; an unchanged pool is kept with its leases, the others start empty. */
    public synchronized void update(List<PoolConfig> configs) {
        Map<String, AddressPool> next = new LinkedHashMap<>();
        for (PoolConfig c : configs) {
            AddressPool old = byName.get(c.name());
            next.put(c.name(), old != null && old.config().equals(c) ? old : new AddressPool(c));
        }
        byName = next;
    }

    public synchronized Optional<AddressPool> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every pool's status, in configuration order. */
    public synchronized List<PoolStatus> status() {
        return byName.values().stream().map(AddressPool::status).toList();
    }
}
