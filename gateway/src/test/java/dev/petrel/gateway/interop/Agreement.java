package dev.petrel.gateway.interop;

import dev.petrel.gateway.status.AlgorithmNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.Spis;
import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.testkit.interop.StrongSwanChildKeys;
import dev.petrel.testkit.interop.StrongSwanPeer;
import dev.petrel.testkit.interop.SwanctlChildSa;
import dev.petrel.testkit.interop.SwanctlIkeSa;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * What "both sides agree" means: Petrel's view of an SA against what {@code swanctl --list-sas} says about it and, for a
 * CHILD_SA, against the keys charon logged at level 4.
 */
final class Agreement {
    private Agreement() {}

    /**
     * The IKE SA (RFC 7296 §2): established on both sides, opposite roles, the same SPIs, transforms, endpoints (ports
     * included, so the float to 4500 of §2.23) and identities.
     */
    static void ikeSa(IkeSaView petrel, SwanctlIkeSa swan) {
        assertEquals(IkeSaState.ESTABLISHED, petrel.state());
        assertEquals("ESTABLISHED", swan.state());
        assertEquals(!petrel.initiator(), swan.initiator(), "roles");
        assertEquals(List.of(Spis.hex(petrel.initiatorSpi()), Spis.hex(petrel.responderSpi())),
                List.of(Spis.hex(swan.initiatorSpi()), Spis.hex(swan.responderSpi())), "IKE SPIs");
        IkeSuite suite = petrel.suite();
        assertEquals(List.of(AlgorithmNames.of(suite.encryption()), suite.keyBits(), AlgorithmNames.of(suite.integrity()),
                        AlgorithmNames.of(suite.pseudorandomFunction()), AlgorithmNames.of(suite.keyExchange())),
                List.of(swan.encryption(), swan.encryptionKeySize(), swan.integrity(), swan.prf(), swan.dhGroup()),
                "IKE transforms");
        assertEquals(List.of(petrel.remote().address(), petrel.remote().port(), petrel.local().address(), petrel.local().port()),
                List.of(InetAddress.ofLiteral(swan.localHost()), Integer.parseInt(swan.attributes().get("local-port")),
                        InetAddress.ofLiteral(swan.remoteHost()), Integer.parseInt(swan.attributes().get("remote-port"))),
                "endpoints");
        assertEquals(List.of(petrel.remoteId().toString(), petrel.localId().toString()),
                List.of(swan.attributes().get("local-id"), swan.attributes().get("remote-id")), "identities");
    }

    /**
     * Petrel's CHILD_SA and charon's with the same SPIs: name, state, mode, transforms (the key exchange of
     * CREATE_CHILD_SA too), selectors, UDP encapsulation, and the keys each side installed (RFC 7296 §2.17: the outbound
     * keys of the side that initiated the CHILD_SA's exchange are the "initiator" ones).
     */
    static void childSa(ChildSa child, PetrelPeer peer, SwanctlIkeSa swanIke, StrongSwanPeer charon, Side initiator)
            throws IOException {
        String name = child.name();
        SwanctlChildSa swan = swanIke.children().stream()
                .filter(c -> c.spiIn() == Integer.toUnsignedLong(child.outboundSpi())).findFirst()
                .orElseThrow(() -> new AssertionError("charon has no CHILD_SA with SPIs " + Spis.hex(child.outboundSpi())
                        + "_i " + Spis.hex(child.inboundSpi()) + "_o: " + swanIke.children()));
        assertEquals(List.of(name, "INSTALLED", "TUNNEL", "ESP", Spis.hex(child.inboundSpi())),
                List.of(swan.name(), swan.state(), swan.mode(), swan.protocol(), Spis.hex((int) swan.spiOut())), name);
        Selected suite = child.suite();
        assertEquals(List.of(AlgorithmNames.of((EncryptionAlgorithm) suite.encryption().transform()),
                        suite.encryption().keyBits(), AlgorithmNames.of(suite.integrity()),
                        AlgorithmNames.of(suite.keyExchange()), suite.extendedSequenceNumbers() ? "1" : ""),
                List.of(swan.encryption(), swan.encryptionKeySize(), swan.integrity(),
                        swan.attributes().getOrDefault("dh-group", ""), swan.attributes().getOrDefault("esn", "")),
                name + " transforms");
        assertEquals(List.of(child.localTs(), child.remoteTs()), List.of(subnets(swan.remoteTs()), subnets(swan.localTs())),
                name + " selectors");
        InstallChildSa installed = peer.installed(child.inboundSpi());
        assertEquals(installed.udpEncapsulation(), "yes".equals(swan.attributes().get("encap")), name + " UDP encapsulation");

        StrongSwanChildKeys keys = charon.childKeys(swan.spiIn());
        assertEquals(swan.spiOut(), keys.outboundSpi(), name + " outbound SPI in charon's log");
        boolean petrelFirst = initiator == Side.PETREL;
        assertArrayEquals(petrelFirst ? keys.encryptionInitiator() : keys.encryptionResponder(),
                installed.outboundEncryptionKey(), name + " encryption key Petrel to strongSwan");
        assertArrayEquals(petrelFirst ? keys.encryptionResponder() : keys.encryptionInitiator(),
                installed.inboundEncryptionKey(), name + " encryption key strongSwan to Petrel");
        assertArrayEquals(petrelFirst ? keys.integrityInitiator() : keys.integrityResponder(),
                installed.outboundIntegrityKey(), name + " integrity key Petrel to strongSwan");
        assertArrayEquals(petrelFirst ? keys.integrityResponder() : keys.integrityInitiator(),
                installed.inboundIntegrityKey(), name + " integrity key strongSwan to Petrel");
    }

    private static List<TrafficSelector> subnets(List<String> listed) {
        return listed.stream().map(TrafficSelector::subnet).toList();
    }
}
