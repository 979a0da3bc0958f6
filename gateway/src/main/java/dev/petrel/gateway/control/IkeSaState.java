package dev.petrel.gateway.control;

/** The state of an IKE SA as {@code swanctl --list-sas} names it. */
public enum IkeSaState {
    /** IKE_SA_INIT or IKE_AUTH in progress, in either role. */
    CONNECTING,
    ESTABLISHED,
    /** The IKE SA is being rekeyed (CREATE_CHILD_SA for the IKE SA outstanding). */
    REKEYING,
    /** Replaced by its rekeyed or reauthenticated successor; waits for its Delete. */
    REKEYED,
    /** A Delete of the IKE SA is outstanding. */
    DELETING
}
