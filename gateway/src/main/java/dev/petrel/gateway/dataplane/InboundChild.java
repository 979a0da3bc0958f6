package dev.petrel.gateway.dataplane;

import dev.petrel.esp.sa.InboundProcessing;

/**
 * An inbound SA with what the inbound worker needs beside it: the SA's addresses as octets, the MSS limits, and where
 * its lifetime events go (shared with the CHILD_SA's outbound SA).
 */
record InboundChild(InboundProcessing sa, byte[] localAddress, byte[] remoteAddress, int protocol, int mss4, int mss6,
        LifetimeFlags lifetime) {
    static InboundChild of(InboundProcessing sa, int protocol, int mss4, int mss6, LifetimeFlags lifetime) {
        return new InboundChild(sa, sa.parameters().localAddress().getAddress(), sa.parameters().remoteAddress().getAddress(),
                protocol, mss4, mss6, lifetime);
    }
}
