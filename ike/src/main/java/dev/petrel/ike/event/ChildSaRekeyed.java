package dev.petrel.ike.event;

/**
 * A CHILD_SA was rekeyed (RFC 7296 §2.8): the one with our inbound SPI {@code newInboundSpi} replaces
 * {@code oldInboundSpi}, which lingers until its Delete completes.
 */
public record ChildSaRekeyed(long ikeSaId, String connection, String child, int oldInboundSpi, int newInboundSpi)
        implements IkeEvent {}
