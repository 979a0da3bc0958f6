package dev.petrel.gateway.interop;

/** Petrel (left) or strongSwan (right): who initiates, creates or deletes something in a case. */
enum Side {
    PETREL,
    STRONGSWAN;

    Side other() {
        return this == PETREL ? STRONGSWAN : PETREL;
    }
}
