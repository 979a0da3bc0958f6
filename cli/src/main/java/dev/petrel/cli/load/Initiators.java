package dev.petrel.cli.load;

import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.LocalRound;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.config.VirtualIps;
import dev.petrel.ike.proposal.CryptoProposal;
import java.net.InetAddress;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The connection that handshake number {@code n} initiates to the target: the IKE proposals, how we authenticate
 * in that handshake (its identity may carry the number, so that each IKE SA has an identity of its own, as
 * strongSwan's load-tester does: a responder deletes the other IKE SAs of an identity that sends INITIAL_CONTACT,
 * RFC 7296 §2.4), how the responder must authenticate, and the first CHILD_SA, if any.
 *
 * @param child the CHILD_SA negotiated inside IKE_AUTH, or null for the IKE SA alone
 * @param localRounds handshake number to our authentication rounds
 */
record Initiators(List<CryptoProposal> ike, ChildConfig child, LongFunction<List<LocalRound>> localRounds,
        List<RemoteRound> remoteRounds, boolean forceEncapsulation, CertificatePolicy certificates) {
    static final String CONNECTION = "load";

    Initiators {
        ike = List.copyOf(ike);
        remoteRounds = List.copyOf(remoteRounds);
    }

    /** The connection of handshake {@code n}, from any local address to {@code target}. */
    IkeConfig config(long n, InetAddress target) {
        return new IkeConfig(CONNECTION, null, target, ike, localRounds.apply(n), remoteRounds,
                child == null ? List.of() : List.of(child), forceEncapsulation, VirtualIps.NONE, certificates);
    }

    /** The CHILD_SA to ask for in IKE_AUTH, or null. */
    String childName() {
        return child == null ? null : child.name();
    }
}
