package dev.petrel.ike.event;

/** An IKE SA ended (deleted by either side, timed out, or failed), with its CHILD_SAs. */
public record IkeSaDeleted(long ikeSaId, String connection, String reason) implements IkeEvent {}
