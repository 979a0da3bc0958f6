package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.eap.EapServer;
import dev.petrel.wire.ike.IdentificationPayload;
import dev.petrel.wire.ike.IkeMessage;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a responder stands in IKE_AUTH (RFC 7296 §1.2, §2.16; RFC 4739): the first request, whose CHILD_SA and CP
 * the last response answers; our ID payload and whether our AUTH went out; the peer's round, the ID payload that
 * opened it, its EAP conversation with the MSK once it succeeded, and the groups it proved to be in.
 */
final class PeerAuthentication {
    final IkeMessage first;
    final IdentificationPayload ourId;
    /** The peer asked for EAP-only authentication (RFC 5998) and we agreed: our AUTH comes only after EAP. */
    final boolean eapOnly;
    boolean weAuthenticated;
    int round;
    IdentificationPayload roundId;
    EapServer eap;
    boolean eapSucceeded;
    byte[] msk;
    String eapIdentity;
    /** The groups the peer's certificates and EAP user put it in, over every round. */
    final Set<String> groups = new TreeSet<>();

    PeerAuthentication(IkeMessage first, IdentificationPayload ourId, boolean eapOnly) {
        this.first = first;
        this.ourId = ourId;
        this.eapOnly = eapOnly;
    }

    /** Ends the round's EAP conversation and wipes its MSK. */
    void endEap() {
        if (eap != null) {
            eap.destroy();
            eap = null;
        }
        KeyMaterial.wipe(msk);
        msk = null;
        eapSucceeded = false;
    }

    void destroy() {
        endEap();
    }
}
