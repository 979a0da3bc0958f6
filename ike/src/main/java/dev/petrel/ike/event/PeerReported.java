package dev.petrel.ike.event;

/** The peer reported an error about an established IKE SA in an INFORMATIONAL request, e.g. INVALID_SPI. */
public record PeerReported(long ikeSaId, String connection, String notifyType, String detail) implements IkeEvent {}
