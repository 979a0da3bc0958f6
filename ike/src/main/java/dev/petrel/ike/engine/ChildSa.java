package dev.petrel.ike.engine;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.wire.ike.ProtocolId;
import java.util.List;

/**
 * A CHILD_SA as the control plane keeps it (RFC 7296 §1.3): its SPIs, algorithms and selectors. The keys went to
 * the data plane with {@link InstallChildSa} and are not kept here.
 */
public record ChildSa(String name, ProtocolId protocol, Mode mode, int inboundSpi, int outboundSpi, Selected suite,
        List<TrafficSelector> localTs, List<TrafficSelector> remoteTs) {
    public ChildSa {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    RemoveChildSa removal(long ikeSaId) {
        return new RemoveChildSa(ikeSaId, name, protocol, inboundSpi, outboundSpi);
    }
}
