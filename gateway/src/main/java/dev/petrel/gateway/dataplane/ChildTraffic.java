package dev.petrel.gateway.dataplane;

/** What one CHILD_SA carried so far, each way: octets and packets accepted inbound, sent outbound. */
public record ChildTraffic(long bytesIn, long packetsIn, long bytesOut, long packetsOut) {}
