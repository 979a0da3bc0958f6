package dev.petrel.ike.pool;

import java.net.InetAddress;

/**
 * One lease as a status listing shows it (strongSwan's {@code swanctl --list-pools --leases}): the address, the
 * identity it belongs to, and whether an IKE SA holds it now (online) or it waits for that identity to come back
 * (offline).
 */
public record LeaseStatus(InetAddress address, String identity, boolean online) {}
