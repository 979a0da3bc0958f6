package dev.petrel.ike.config;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.wire.ike.ProtocolId;
import java.util.List;
import java.util.Objects;

/**
 * One CHILD_SA a connection may negotiate (swanctl's {@code children} section): its traffic selectors, ESP or AH
 * proposals (a key exchange in them means PFS for CREATE_CHILD_SA), mode and replay window, its lifetime, and what
 * happens to it when the peer is found dead or closes it.
 */
public record ChildConfig(String name, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs,
        List<CryptoProposal> proposals, Mode mode, int replayWindow, ChildLifetime lifetime, CloseAction dpdAction,
        CloseAction closeAction) {
    public ChildConfig {
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(dpdAction, "dpdAction");
        Objects.requireNonNull(closeAction, "closeAction");
        Objects.requireNonNull(name, "name");
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        proposals = List.copyOf(proposals);
        Objects.requireNonNull(mode, "mode");
        if (localTs.isEmpty() || remoteTs.isEmpty() || proposals.isEmpty()) {
            throw new IllegalArgumentException("child " + name + " needs traffic selectors and proposals");
        }
        if (proposals.stream().map(CryptoProposal::protocol).distinct().count() != 1
                || proposals.getFirst().protocol() != ProtocolId.ESP && proposals.getFirst().protocol() != ProtocolId.AH) {
            throw new IllegalArgumentException("child " + name + " needs ESP proposals or AH proposals, not both");
        }
        if (replayWindow < 0) {
            throw new IllegalArgumentException("child " + name + ": negative replay window");
        }
    }

    /** A CHILD_SA that lives until deleted, and is not negotiated again when its IKE SA dies. */
    public ChildConfig(String name, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs,
            List<CryptoProposal> proposals, Mode mode, int replayWindow) {
        this(name, localTs, remoteTs, proposals, mode, replayWindow, ChildLifetime.NONE, CloseAction.CLEAR,
                CloseAction.CLEAR);
    }

    public ChildConfig withLifetime(ChildLifetime newLifetime) {
        return new ChildConfig(name, localTs, remoteTs, proposals, mode, replayWindow, newLifetime, dpdAction, closeAction);
    }

    public ChildConfig withActions(CloseAction onDeadPeer, CloseAction onClose) {
        return new ChildConfig(name, localTs, remoteTs, proposals, mode, replayWindow, lifetime, onDeadPeer, onClose);
    }

    /** ESP or AH, as the proposals say. */
    public ProtocolId protocol() {
        return proposals.getFirst().protocol();
    }
}
