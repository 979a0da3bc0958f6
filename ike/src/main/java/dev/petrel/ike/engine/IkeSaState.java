package dev.petrel.ike.engine;

/** The life of an IKE SA, named as swanctl names the states it shows. */
public enum IkeSaState {
    /** IKE_SA_INIT or IKE_AUTH in progress (either role). */
    CONNECTING,
    ESTABLISHED,
    /**
     * Replaced by a rekeyed or reauthenticated successor that took over its CHILD_SAs (RFC 7296 §2.8): it only
     * answers the peer and waits for its Delete.
     */
    REKEYED,
    /** Our Delete of the IKE SA is outstanding. */
    DELETING,
    /** Gone: deleted, failed or timed out; no longer in the engine's tables. */
    DESTROYED
}
