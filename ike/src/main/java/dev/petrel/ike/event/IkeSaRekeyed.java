package dev.petrel.ike.event;

/**
 * An IKE SA was rekeyed (RFC 7296 §2.18): {@code newIkeSaId} took over its CHILD_SAs; the old one lingers only until
 * its Delete is answered.
 */
public record IkeSaRekeyed(long ikeSaId, String connection, long newIkeSaId) implements IkeEvent {}
