package dev.petrel.ike.eap;

import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import java.security.SecureRandom;

/** Placeholder until the EAP methods land: replaced by the eap branch. */
public final class Eap {
    private Eap() {}

    public static EapServer server(EapPolicy policy, String ikeIdentity, SecureRandom random) {
        throw new UnsupportedOperationException("EAP methods are not merged yet");
    }

    public static EapPeer peer(EapCredentials credentials, String ikeIdentity, SecureRandom random) {
        throw new UnsupportedOperationException("EAP methods are not merged yet");
    }
}
