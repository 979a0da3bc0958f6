package dev.petrel.gateway.dataplane;

import dev.petrel.esp.sa.InboundProcessing;

/** An inbound SA with what the inbound worker needs beside it: the SA's addresses as octets, and the MSS limits. */
record InboundChild(InboundProcessing sa, byte[] localAddress, byte[] remoteAddress, int protocol, int mss4, int mss6) {
    static InboundChild of(InboundProcessing sa, int protocol, int mss4, int mss6) {
        return new InboundChild(sa, sa.parameters().localAddress().getAddress(), sa.parameters().remoteAddress().getAddress(),
                protocol, mss4, mss6);
    }
}
