package dev.petrel.ike.event;

/** Something the gateway logs, counts or shows: the outcome of a negotiation or of a message. */
public sealed interface IkeEvent permits IkeSaEstablished, IkeSaRekeyed, IkeSaDeleted, ChildSaEstablished,
        ChildSaRekeyed, ChildSaDeleted, NegotiationFailed, MessageDropped, PeerReported {
    /** The IKE SA concerned, or 0 when none was created (e.g. a dropped datagram). */
    long ikeSaId();
}
