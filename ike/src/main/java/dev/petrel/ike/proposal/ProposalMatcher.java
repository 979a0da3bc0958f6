package dev.petrel.ike.proposal;

import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import dev.petrel.wire.iana.Transform;
import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.Proposal;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ike.TransformEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Chooses one of the peer's proposals (RFC 7296 §2.7, §3.3.6): our proposals in order of preference, each tried
 * against the peer's in their order; within a transform type the first of ours that the peer also offers wins.
 * When nothing matches, the result explains, per peer proposal, which transform type failed and what each side
 * offered.
 */
public final class ProposalMatcher {
    /** Explanations cover this many proposals of each side; the peer may send up to 255. */
    private static final int EXPLAINED = 4;
    private static final int KEY_LENGTH_ATTRIBUTE = 14;

    private ProposalMatcher() {}

    /** The outcome of a selection. */
    public sealed interface Outcome permits Selected, NoMatch {}

    /**
     * The chosen proposal: the peer's proposal number and SPI, and one transform per type.
     *
     * @param configured our proposal it matched
     */
    public record Selected(int number, byte[] spi, List<TransformChoice> transforms, CryptoProposal configured)
            implements Outcome {
        public Selected {
            spi = spi.clone();
            transforms = List.copyOf(transforms);
        }

        public Optional<TransformChoice> of(TransformType type) {
            return transforms.stream().filter(t -> t.type() == type).findFirst();
        }

        public TransformChoice encryption() {
            return of(TransformType.ENCR).orElseThrow();
        }

        public PseudorandomFunction prf() {
            return (PseudorandomFunction) of(TransformType.PRF).orElseThrow().transform();
        }

        /** {@code NONE} for the AEADs. */
        public IntegrityAlgorithm integrity() {
            return of(TransformType.INTEG).map(t -> (IntegrityAlgorithm) t.transform()).orElse(IntegrityAlgorithm.NONE);
        }

        /** {@code NONE} when the proposal has no key exchange (no PFS). */
        public KeyExchangeMethod keyExchange() {
            return of(TransformType.KE).map(t -> (KeyExchangeMethod) t.transform()).orElse(KeyExchangeMethod.NONE);
        }

        public boolean extendedSequenceNumbers() {
            return of(TransformType.ESN).map(t -> t.transform() == ExtendedSequenceNumbers.ESN).orElse(false);
        }

        /** The proposal to send back: the peer's number and our SPI, one transform per type (RFC 7296 §3.3). */
        public Proposal answer(ProtocolId protocol, byte[] ourSpi) {
            return toWire(new CryptoProposal(protocol, transforms), number, ourSpi);
        }

        @Override
        public String toString() {
            return transforms.stream().map(TransformChoice::toString).collect(Collectors.joining("/"));
        }
    }

    /** Nothing matched; {@code explanation} says why, transform type by transform type. */
    public record NoMatch(String explanation) implements Outcome {}

    /** The responder's choice among the peer's {@code offered} proposals. */
    public static Outcome select(List<CryptoProposal> ours, List<Proposal> offered, ProtocolId protocol) {
        for (CryptoProposal our : ours) {
            for (Proposal theirs : offered) {
                if (theirs.protocolId() == protocol.value() && match(our, theirs) instanceof Selected s) {
                    return s;
                }
            }
        }
        return new NoMatch(explain(ours, offered, protocol));
    }

    /**
     * The initiator's check of the responder's answer (RFC 7296 §2.7): exactly one proposal, one transform of
     * each type it carries, all taken from the proposal of ours with that number.
     */
    public static Outcome accept(List<CryptoProposal> offered, List<Proposal> answer, ProtocolId protocol) {
        if (answer.size() != 1) {
            return new NoMatch("the responder returned " + answer.size() + " proposals instead of one");
        }
        Proposal chosen = answer.getFirst();
        int index = chosen.number() - 1;
        if (chosen.protocolId() != protocol.value() || index < 0 || index >= offered.size()) {
            return new NoMatch("the responder returned proposal #" + chosen.number() + " for protocol "
                    + chosen.protocolId() + ", which we did not offer");
        }
        for (TransformType type : TransformType.values()) {
            long count = chosen.transforms().stream().filter(t -> t.type() == type.value()).count();
            if (count > 1) {
                return new NoMatch("the responder returned " + count + " " + type + " transforms instead of one");
            }
        }
        Outcome outcome = match(offered.get(index), chosen);
        if (outcome instanceof NoMatch(String why)) {
            return new NoMatch("the responder's choice is not in what we offered: " + why);
        }
        return outcome;
    }

    /** Our proposal as the wire carries it. */
    public static Proposal toWire(CryptoProposal proposal, int number, byte[] spi) {
        List<TransformEntry> entries = new ArrayList<>();
        for (TransformChoice t : proposal.transforms()) {
            entries.add(t.keyBits() == 0 ? TransformEntry.of(t.transform()) : TransformEntry.of(t.transform(), t.keyBits()));
        }
        return new Proposal(number, proposal.protocol().value(), spi, entries);
    }

    /** Our proposals numbered from 1 (RFC 7296 §3.3.1), each with {@code spi}. */
    public static List<Proposal> toWire(List<CryptoProposal> proposals, byte[] spi) {
        List<Proposal> out = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            out.add(toWire(proposals.get(i), i + 1, spi));
        }
        return out;
    }

    private static Outcome match(CryptoProposal our, Proposal theirs) {
        List<TransformChoice> offered = new ArrayList<>();
        for (TransformEntry e : theirs.transforms()) {
            if (IanaValue.byValue(TransformType.class, e.type()).isEmpty()) {
                // RFC 7296 §3.3.6: a proposal with a transform type we do not know cannot be accepted.
                return new NoMatch("unknown transform type " + e.type());
            }
            decode(e).ifPresent(offered::add);
        }
        List<TransformChoice> chosen = new ArrayList<>();
        for (TransformType type : TransformType.values()) {
            List<TransformChoice> mine = our.of(type);
            List<TransformChoice> theirsOfType = offered.stream().filter(t -> t.type() == type).toList();
            boolean theyOfferType = theirs.transforms().stream().anyMatch(t -> t.type() == type.value());
            if (mine.isEmpty()) {
                // We want none of this type: acceptable if the peer offers none, or offers NONE among them.
                if (theyOfferType && theirsOfType.stream().noneMatch(ProposalMatcher::isNone)) {
                    return new NoMatch(type + ": offered " + theirsOfType + ", we accept none");
                }
                continue;
            }
            if (!theyOfferType && mine.stream().anyMatch(t -> isNone(t) || t.transform() == ExtendedSequenceNumbers.NO_ESN)) {
                continue;
            }
            Optional<TransformChoice> pick = mine.stream().filter(theirsOfType::contains).findFirst();
            if (pick.isEmpty()) {
                return new NoMatch(type + ": offered " + (theyOfferType ? theirsOfType.isEmpty() ? "only unknown ones" : theirsOfType : "none")
                        + ", we accept " + mine);
            }
            if (!isNone(pick.get())) {
                chosen.add(pick.get());
            }
        }
        return new Selected(theirs.number(), theirs.spi(), chosen, our);
    }

    private static boolean isNone(TransformChoice t) {
        return t.transform() == KeyExchangeMethod.NONE || t.transform() == IntegrityAlgorithm.NONE;
    }

    /** The peer's transform as one of ours, if we know its id and understand its attributes. */
    private static Optional<TransformChoice> decode(TransformEntry e) {
        Optional<? extends Transform> transform = switch (IanaValue.byValue(TransformType.class, e.type()).orElseThrow()) {
            case ENCR -> IanaValue.byValue(EncryptionAlgorithm.class, e.id());
            case PRF -> IanaValue.byValue(PseudorandomFunction.class, e.id());
            case INTEG -> IanaValue.byValue(IntegrityAlgorithm.class, e.id());
            case KE -> IanaValue.byValue(KeyExchangeMethod.class, e.id());
            case ESN -> IanaValue.byValue(ExtendedSequenceNumbers.class, e.id());
        };
        if (transform.isEmpty()
                || e.attributes().stream().anyMatch(a -> a.type() != KEY_LENGTH_ATTRIBUTE || !a.shortForm())) {
            return Optional.empty();
        }
        OptionalInt bits = e.keyLength();
        try {
            return Optional.of(new TransformChoice(transform.get(), bits.orElse(0)));
        } catch (IllegalArgumentException badKeyLength) {
            return Optional.empty();
        }
    }

    private static String explain(List<CryptoProposal> ours, List<Proposal> offered, ProtocolId protocol) {
        if (offered.isEmpty()) {
            return "the peer offered no proposal";
        }
        StringBuilder b = new StringBuilder();
        for (Proposal theirs : offered.subList(0, Math.min(EXPLAINED, offered.size()))) {
            b.append(b.isEmpty() ? "" : "; ").append("peer proposal #").append(theirs.number());
            if (theirs.protocolId() != protocol.value()) {
                b.append(": protocol ").append(theirs.protocolId()).append(", we need ").append(protocol);
                continue;
            }
            for (int i = 0; i < Math.min(EXPLAINED, ours.size()); i++) {
                if (match(ours.get(i), theirs) instanceof NoMatch(String why)) {
                    b.append(i == 0 ? ": " : ", ").append("against our #").append(i + 1).append(' ').append(why);
                }
            }
        }
        if (offered.size() > EXPLAINED) {
            b.append("; and ").append(offered.size() - EXPLAINED).append(" more peer proposals");
        }
        return b.toString();
    }
}
