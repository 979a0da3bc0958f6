package dev.petrel.esp.policy;

import java.util.List;
import java.util.Objects;

/**
 * One SPD entry (RFC 4301 §4.4.1): traffic selectors for the local and the remote side and an action. A PROTECT
 * policy carries {@code protection}, the data plane's handle for the SA (or SA template) that the matching traffic
 * goes through; it is opaque here. Selector lists are sets: a packet matches when its source lies in one selector of
 * one side and its destination in one selector of the other (RFC 7296 §2.9).
 *
 * @param <T> the type of the PROTECT handle
 */
public record SecurityPolicy<T>(String name, List<TrafficSelector> local, List<TrafficSelector> remote, PolicyAction action, T protection) {
    public SecurityPolicy {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a security policy needs a name");
        }
        local = List.copyOf(local);
        remote = List.copyOf(remote);
        if (local.isEmpty() || remote.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + " needs at least one local and one remote traffic selector");
        }
        Objects.requireNonNull(action, "action");
        if ((action == PolicyAction.PROTECT) != (protection != null)) {
            throw new IllegalArgumentException("policy " + name + ": a PROTECT policy, and only that, carries an SA handle");
        }
    }

    public static <T> SecurityPolicy<T> protect(String name, List<TrafficSelector> local, List<TrafficSelector> remote, T protection) {
        return new SecurityPolicy<>(name, local, remote, PolicyAction.PROTECT, Objects.requireNonNull(protection, "protection"));
    }

    public static <T> SecurityPolicy<T> bypass(String name, List<TrafficSelector> local, List<TrafficSelector> remote) {
        return new SecurityPolicy<>(name, local, remote, PolicyAction.BYPASS, null);
    }

    public static <T> SecurityPolicy<T> discard(String name, List<TrafficSelector> local, List<TrafficSelector> remote) {
        return new SecurityPolicy<>(name, local, remote, PolicyAction.DISCARD, null);
    }

    /** True for a packet we send: its source is local, its destination remote. Allocation-free. */
    public boolean matchesOutbound(PacketSelector packet) {
        return packet.matchesAnySource(local) && packet.matchesAnyDestination(remote);
    }

    /** True for a packet we receive: its source is remote, its destination local. Allocation-free. */
    public boolean matchesInbound(PacketSelector packet) {
        return packet.matchesAnySource(remote) && packet.matchesAnyDestination(local);
    }

    @Override
    public String toString() {
        return "SecurityPolicy[" + name + " " + action + " local=" + local + " remote=" + remote + "]";
    }
}
