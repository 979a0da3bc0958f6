package dev.petrel.gateway.dataplane;

/** What {@link DataPlane#poll} reports of each installed CHILD_SA, named by our inbound SPI, on the polling thread. */
public interface ChildEvents {
    /** Its SAs reached a soft (rekey) or hard (delete) byte, packet or sequence number limit. */
    void lifetime(int inboundSpi, boolean hard);

    /** It received traffic since the last poll: the peer is alive. */
    void inboundActivity(int inboundSpi);
}
