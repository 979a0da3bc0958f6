package dev.petrel.ike.engine;

/** The life of an IKE SA, named as swanctl names the states it shows. */
public enum IkeSaState {
    /** IKE_SA_INIT or IKE_AUTH in progress (either role). */
    CONNECTING,
    ESTABLISHED,
    /** Our Delete of the IKE SA is outstanding. */
    DELETING,
    /** Gone: deleted, failed or timed out; no longer in the engine's tables. */
    DESTROYED
}
