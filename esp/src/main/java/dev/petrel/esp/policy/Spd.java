package dev.petrel.esp.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The Security Policy Database (RFC 4301 §4.4.1): an ordered list of policies where the first match wins.
 * Lookups run on data-plane threads without a lock and without allocating: they read an immutable snapshot that
 * the control plane replaces atomically on every change (copy on write; writers are serialised among themselves).
 *
 * @param <T> the type of the SA handle that PROTECT policies carry
 */
public final class Spd<T> {
    private final Object writeLock = new Object();
    private volatile List<SecurityPolicy<T>> snapshot = List.of();
    /** Matches everything: what applies when no policy does (RFC 4301 §5.1 step 1: discard). */
    private final SecurityPolicy<T> defaultDiscard = SecurityPolicy.discard("default-discard",
            List.of(TrafficSelector.any(false), TrafficSelector.any(true)),
            List.of(TrafficSelector.any(false), TrafficSelector.any(true)));

    /** The first policy matching an outbound packet, or a DISCARD-everything default when none does (RFC 4301 §5.1). */
    public SecurityPolicy<T> lookupOutbound(PacketSelector packet) {
        List<SecurityPolicy<T>> policies = snapshot;
        for (int i = 0; i < policies.size(); i++) {
            SecurityPolicy<T> p = policies.get(i);
            if (p.matchesOutbound(packet)) {
                return p;
            }
        }
        return defaultDiscard;
    }

    /**
     * What to do with an inbound packet that arrived without IPsec protection (RFC 4301 §5.2 step 4): BYPASS if the
     * first matching policy says so, else DISCARD — also when it is a PROTECT policy, because that traffic must
     * arrive on its SA, and when no policy matches.
     */
    public PolicyAction lookupInbound(PacketSelector packet) {
        List<SecurityPolicy<T>> policies = snapshot;
        for (int i = 0; i < policies.size(); i++) {
            SecurityPolicy<T> p = policies.get(i);
            if (p.matchesInbound(packet)) {
                return p.action() == PolicyAction.BYPASS ? PolicyAction.BYPASS : PolicyAction.DISCARD;
            }
        }
        return PolicyAction.DISCARD;
    }

    /** The policy used when none matches. */
    public SecurityPolicy<T> defaultPolicy() {
        return defaultDiscard;
    }

    /** The policies in lookup order (an immutable snapshot). */
    public List<SecurityPolicy<T>> policies() {
        return snapshot;
    }

    /** Appends a policy, so it ranks below every existing one. */
    public void add(SecurityPolicy<T> policy) {
        synchronized (writeLock) {
            insert(snapshot.size(), policy);
        }
    }

    /** Inserts a policy at {@code index} in lookup order (0 ranks it first). */
    public void insert(int index, SecurityPolicy<T> policy) {
        synchronized (writeLock) {
            List<SecurityPolicy<T>> next = new ArrayList<>(snapshot);
            if (indexOf(next, policy.name()) >= 0) {
                throw new IllegalArgumentException("the SPD already holds a policy named " + policy.name());
            }
            next.add(index, policy);
            snapshot = List.copyOf(next);
        }
    }

    /** Replaces the policy of the same name in place, keeping its rank. */
    public void replace(SecurityPolicy<T> policy) {
        synchronized (writeLock) {
            List<SecurityPolicy<T>> next = new ArrayList<>(snapshot);
            int i = indexOf(next, policy.name());
            if (i < 0) {
                throw new IllegalArgumentException("the SPD holds no policy named " + policy.name());
            }
            next.set(i, policy);
            snapshot = List.copyOf(next);
        }
    }

    /** Removes the policy with this name; false when there is none. */
    public boolean remove(String name) {
        synchronized (writeLock) {
            List<SecurityPolicy<T>> next = new ArrayList<>(snapshot);
            int i = indexOf(next, name);
            if (i < 0) {
                return false;
            }
            next.remove(i);
            snapshot = List.copyOf(next);
            return true;
        }
    }

    /** Installs a whole new ordered list at once (a configuration reload); names must be unique. */
    public void replaceAll(List<SecurityPolicy<T>> policies) {
        List<SecurityPolicy<T>> next = List.copyOf(policies);
        for (int i = 0; i < next.size(); i++) {
            if (indexOf(next, next.get(i).name()) != i) {
                throw new IllegalArgumentException("two policies are named " + next.get(i).name());
            }
        }
        synchronized (writeLock) {
            snapshot = next;
        }
    }

    private static int indexOf(List<? extends SecurityPolicy<?>> policies, String name) {
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
