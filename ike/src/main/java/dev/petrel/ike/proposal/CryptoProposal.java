package dev.petrel.ike.proposal;

import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.ProtocolId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One locally configured proposal (RFC 7296 §3.3): for each transform type, the acceptable transforms in order of
 * preference. The peer must pick exactly one of each type present.
 */
public record CryptoProposal(ProtocolId protocol, List<TransformChoice> transforms) {
    public CryptoProposal {
        transforms = List.copyOf(transforms);
    }

    /** The choices of one transform type, most preferred first. */
    public List<TransformChoice> of(TransformType type) {
        return transforms.stream().filter(t -> t.type() == type).toList();
    }

    /** The same proposal without key exchange transforms (the CHILD_SA of IKE_AUTH, RFC 7296 §1.2). */
    public CryptoProposal withoutKeyExchange() {
        return new CryptoProposal(protocol, transforms.stream().filter(t -> t.type() != TransformType.KE).toList());
    }

    @Override
    public String toString() {
        return transforms.stream().map(TransformChoice::toString).collect(Collectors.joining("/", protocol + ":", ""));
    }
}
