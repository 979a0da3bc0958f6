package dev.petrel.ike.event;

/** A CHILD_SA was negotiated and handed to the data plane (the matching InstallChildSa carries its details). */
public record ChildSaEstablished(long ikeSaId, String connection, String child, int inboundSpi, int outboundSpi)
        implements IkeEvent {}
