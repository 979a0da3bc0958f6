package dev.petrel.ike.event;

/** A CHILD_SA left the data plane: replaced by its successor, deleted by either side, expired, or with its IKE SA. */
public record ChildSaDeleted(long ikeSaId, String connection, String child, int inboundSpi, String reason)
        implements IkeEvent {}
