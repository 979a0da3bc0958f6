package dev.petrel.gateway.os.netlink;

/** A network interface as RTM_NEWLINK describes it: index, name, MTU, and whether it is administratively up. */
public record Link(int index, String name, int mtu, boolean up) {}
