package dev.petrel.gateway.daemon;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.ike.proposal.TransformChoice;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.util.List;

/** Engine snapshots of IKE SAs of connection "home" with CHILD_SAs "net", as the engine's sas() lists them. */
final class LifecycleViews {
    private LifecycleViews() {}

    /** A CHILD_SA "net" with our inbound SPI {@code spi}, AES-GCM-16 with 128-bit keys. */
    static ChildSa net(int spi) {
        return new ChildSa("net", ProtocolId.ESP, Mode.TUNNEL, spi, spi + 1,
                new Selected(1, new byte[4], List.of(new TransformChoice(EncryptionAlgorithm.ENCR_AES_GCM_16, 128)), null),
                List.of(TrafficSelector.subnet("198.51.100.0/24")), List.of(TrafficSelector.subnet("203.0.113.0/24")));
    }

    /** IKE SA {@code id} of "home" in {@code state} with {@code children}, {@code retiring} (inbound SPIs) among them. */
    static IkeSaView home(long id, IkeSaState state, List<ChildSa> children, List<Integer> retiring) {
        return new IkeSaView(id, "home", true, state, 0x1111, 0x2222,
                new Endpoint(InetAddress.ofLiteral("192.0.2.1"), 500), new Endpoint(InetAddress.ofLiteral("192.0.2.2"), 500),
                null, null, null, false, children, 2, 0, false, null, List.of(), retiring);
    }
}
