package dev.petrel.cli.demo;

import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SecurityProtocol;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;

/** One SA pair of the demo: what protects the traffic, and the addresses of the tunnel and of the traffic. */
record Scenario(SecurityProtocol protocol, Mode mode, EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity,
                boolean esn, String outerLocal, String outerRemote, String innerSource, String innerDestination) {

    String title() {
        String suite = protocol == SecurityProtocol.AH ? "AH " + integrity
                : encryption + (keyBits > 0 ? "-" + keyBits : "") + (integrity == IntegrityAlgorithm.NONE ? "" : " + " + integrity);
        return suite + ", " + mode.name().toLowerCase() + " mode" + (esn ? ", ESN" : "");
    }
}
