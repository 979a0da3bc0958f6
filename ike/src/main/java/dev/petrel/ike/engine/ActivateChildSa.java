package dev.petrel.ike.engine;

/**
 * Start sending with a rekeyed CHILD_SA that was installed inbound only (RFC 7296 §2.8): its outbound SA takes over
 * the policy of the CHILD_SA it {@code replaces}. The responder of a rekeying does this once the initiator deletes
 * the old CHILD_SA, which proves the initiator has installed the new one.
 */
public record ActivateChildSa(long ikeSaId, String child, int inboundSpi, int replaces) implements Action {
    @Override
    public String toString() {
        return "ActivateChildSa[ike " + ikeSaId + ", " + child + " in " + Spis.hex(inboundSpi) + " replaces "
                + Spis.hex(replaces) + "]";
    }
}
