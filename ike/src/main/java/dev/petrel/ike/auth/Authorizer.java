package dev.petrel.ike.auth;

import dev.petrel.ike.identity.Identity;
import java.net.InetAddress;
import java.util.Set;

/**
 * The last word before a responder completes an IKE SA whose peer authenticated (device posture, group checks):
 * it sees who the peer is and where it comes from, and may refuse it. It runs on the engine's thread, so it must
 * answer promptly.
 */
@FunctionalInterface
public interface Authorizer {
    /** Admits everyone. */
    Authorizer ANYONE = peer -> null;

    /** Null to admit the peer, else why it is refused (logged, and the peer gets AUTHENTICATION_FAILED). */
    String refuse(Peer peer);

    /**
     * An authenticated peer.
     *
     * @param eapIdentity the identity it proved by EAP, or null
     * @param groups the groups its certificate or EAP user puts it in
     */
    record Peer(String connection, Identity identity, String eapIdentity, InetAddress address, int port,
            Set<String> groups) {
        public Peer {
            groups = Set.copyOf(groups);
        }
    }
}
