package dev.petrel.gateway.control;

/** The state of a CHILD_SA as {@code swanctl --list-sas} names it. */
public enum ChildSaState {
    /** Negotiated, its SAs not yet in the data plane. */
    INSTALLING,
    /** In the data plane, carrying traffic. */
    INSTALLED,
    /** A CREATE_CHILD_SA rekeying it is outstanding. */
    REKEYING,
    /** Replaced by its rekeyed successor, kept until the Delete completes. */
    REKEYED,
    /** A Delete of the CHILD_SA is outstanding. */
    DELETING
}
