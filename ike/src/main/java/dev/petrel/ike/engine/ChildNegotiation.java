package dev.petrel.ike.engine;

import dev.petrel.crypto.Transforms;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.event.ChildSaEstablished;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.keys.ChildSaKeys;
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.ike.proposal.ProposalMatcher.NoMatch;
import dev.petrel.ike.proposal.ProposalMatcher.Outcome;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.ike.proposal.ProposalMatcher;
import dev.petrel.ike.proposal.TransformChoice;
import dev.petrel.ike.ts.TrafficSelectors;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.Proposal;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Negotiating one CHILD_SA (RFC 7296 §1.3, §2.9, §2.17), the same inside IKE_AUTH and in CREATE_CHILD_SA: the
 * initiator's offer, the responder's choice of child, proposal and narrowed selectors, and the keys for the data
 * plane. Inside IKE_AUTH key exchange transforms are left out of the proposals (§1.2).
 */
final class ChildNegotiation {
    private ChildNegotiation() {}

    /** What the initiator offered, kept to check and install the answer; dynamic selectors resolved. */
    record Offer(ChildConfig child, int inboundSpi, List<CryptoProposal> proposals, List<TrafficSelector> localTs,
            List<TrafficSelector> remoteTs) {
        /** SA, TSi, TSr and, for transport mode, USE_TRANSPORT_MODE (§1.3.1). */
        List<Payload> payloads() {
            List<Payload> p = new ArrayList<>();
            p.add(new SecurityAssociationPayload(ProposalMatcher.toWire(proposals, spiBytes(inboundSpi))));
            p.add(TrafficSelectors.toWire(true, localTs));
            p.add(TrafficSelectors.toWire(false, remoteTs));
            if (child.mode() == Mode.TRANSPORT) {
                p.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
            }
            return p;
        }
    }

    static Offer offer(IkeEngine engine, IkeSa sa, ChildConfig child, boolean inIkeAuth) {
        List<CryptoProposal> proposals = inIkeAuth
                ? child.proposals().stream().map(CryptoProposal::withoutKeyExchange).toList()
                : child.proposals();
        return new Offer(child, engine.newChildSpi(sa), proposals, ours(sa, child), theirs(sa, child));
    }

    /** The offer that rekeys {@code old} (§2.8): its configuration's proposals, the selectors it was narrowed to. */
    static Offer rekeyOffer(IkeEngine engine, IkeSa sa, ChildLife old) {
        return new Offer(old.config, engine.newChildSpi(sa), old.config.proposals(), old.sa.localTs(), old.sa.remoteTs());
    }

    /**
     * How a new CHILD_SA relates to the one it rekeys: our inbound SPI of the predecessor (0: none), and whether its
     * outbound SA takes the traffic at once (RFC 7296 §2.8: the rekey responder waits for the initiator's Delete).
     */
    record Succession(int replaces, boolean outboundActive) {
        static final Succession NONE = new Succession(0, true);
    }

    /**
     * Our selectors of {@code child}, {@code dynamic} resolved (§2.9): our virtual IPs once assigned; before that,
     * when we ask for virtual IPs, any address of their families, for the responder to narrow to the lease; else
     * our address.
     */
    private static List<TrafficSelector> ours(IkeSa sa, ChildConfig child) {
        List<TrafficSelector> addresses;
        if (sa.initiator && !sa.virtualIps.isEmpty()) {
            addresses = sa.virtualIps.stream().map(TrafficSelectors::host).toList();
        } else if (sa.initiator && !sa.config.virtualIps().request().isEmpty()) {
            addresses = sa.config.virtualIps().request().stream().map(v -> TrafficSelector.any(v instanceof Inet6Address)).distinct().toList();
        } else {
            addresses = List.of(TrafficSelectors.host(sa.local.address()));
        }
        return TrafficSelectors.resolve(child.localTs(), addresses);
    }

    /** The peer's selectors of {@code child}, {@code dynamic} resolved: its virtual IPs when we assigned some, else its address. */
    private static List<TrafficSelector> theirs(IkeSa sa, ChildConfig child) {
        List<TrafficSelector> addresses = !sa.initiator && !sa.virtualIps.isEmpty()
                ? sa.virtualIps.stream().map(TrafficSelectors::host).toList()
                : List.of(TrafficSelectors.host(sa.remote.address()));
        return TrafficSelectors.resolve(child.remoteTs(), addresses);
    }

    /**
     * Initiator: checks the responder's answer and installs the CHILD_SA. Returns null (with an explanation event)
     * when the answer is an error notify or does not fit the offer.
     */
    static ChildLife accept(IkeEngine engine, IkeSa sa, Offer offer, IkeMessage response, Keying keying,
            Succession succession, Turn turn) {
        Optional<NotifyPayload> error = response.notifies().stream().filter(n -> NotifyType.isError(n.notifyType())).findFirst();
        var saPayload = response.first(SecurityAssociationPayload.class);
        var tsi = response.trafficSelectors(true);
        var tsr = response.trafficSelectors(false);
        String problem = null;
        Failure failure = Failure.PEER_ERROR;
        Selected chosen = null;
        if (error.isPresent()) {
            int type = error.get().notifyType();
            problem = "the responder refused CHILD_SA " + offer.child().name() + ": " + NotifyNames.name(type);
            failure = type == NotifyType.TS_UNACCEPTABLE.value() ? Failure.TRAFFIC_SELECTORS
                    : type == NotifyType.NO_PROPOSAL_CHOSEN.value() ? Failure.PROPOSAL : Failure.PEER_ERROR;
        } else if (saPayload.isEmpty() || tsi.isEmpty() || tsr.isEmpty()) {
            problem = "the CHILD_SA answer lacks SA, TSi or TSr";
            failure = Failure.SYNTAX;
        } else {
            Outcome outcome = ProposalMatcher.accept(offer.proposals(), saPayload.get().proposals(), offer.child().protocol());
            if (outcome instanceof NoMatch(String why)) {
                problem = why;
                failure = Failure.PROPOSAL;
            } else {
                chosen = (Selected) outcome;
            }
        }
        List<TrafficSelector> localTs = tsi.map(TrafficSelectors::fromWire).orElse(List.of());
        List<TrafficSelector> remoteTs = tsr.map(TrafficSelectors::fromWire).orElse(List.of());
        if (problem == null && (!TrafficSelectors.within(localTs, offer.localTs())
                || !TrafficSelectors.within(remoteTs, offer.remoteTs()))) {
            problem = "the responder's selectors " + localTs + " === " + remoteTs + " are not within ours "
                    + offer.localTs() + " === " + offer.remoteTs();
            failure = Failure.TRAFFIC_SELECTORS;
        }
        if (problem == null && chosen.spi().length != 4) {
            problem = "the responder's CHILD_SA SPI has " + chosen.spi().length + " octets";
            failure = Failure.SYNTAX;
        }
        if (problem != null) {
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, failure, problem));
            engine.releaseChildSpi(offer.inboundSpi());
            return null;
        }
        boolean transport = offer.child().mode() == Mode.TRANSPORT && response.notify(NotifyType.USE_TRANSPORT_MODE).isPresent();
        return install(engine, sa, offer.child(), chosen, offer.inboundSpi(), ByteBuffer.wrap(chosen.spi()).getInt(),
                transport ? Mode.TRANSPORT : Mode.TUNNEL, localTs, remoteTs, keying, succession, turn);
    }

    /** The responder's choice: the child, the peer's proposal, the narrowed selectors and the mode. */
    record Choice(ChildConfig child, Selected chosen, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs,
            Mode mode) {}

    /** The responder's choice, or the error notify that answers the request (with an explanation event). */
    sealed interface Decision permits Chosen, Refused {}

    record Chosen(Choice choice) implements Decision {}

    record Refused(NotifyPayload answer) implements Decision {}

    /**
     * Responder: picks the first of {@code children} whose selectors overlap the request's and whose proposals match
     * (§2.9); otherwise TS_UNACCEPTABLE or NO_PROPOSAL_CHOSEN, explained in an event.
     */
    static Decision choose(IkeSa sa, IkeMessage request, List<ChildConfig> children, boolean inIkeAuth, Turn turn) {
        var saPayload = request.first(SecurityAssociationPayload.class);
        var tsi = request.trafficSelectors(true);
        var tsr = request.trafficSelectors(false);
        if (saPayload.isEmpty() || tsi.isEmpty() || tsr.isEmpty()) {
            return refuse(sa, Failure.SYNTAX, "CHILD_SA request lacks SA, TSi or TSr", NotifyType.INVALID_SYNTAX, turn);
        }
        List<TrafficSelector> peerTsi = TrafficSelectors.fromWire(tsi.get());
        List<TrafficSelector> peerTsr = TrafficSelectors.fromWire(tsr.get());
        List<Proposal> offered = saPayload.get().proposals();
        if (inIkeAuth) {
            offered = offered.stream().map(ChildNegotiation::withoutKeyExchange).toList();
        }
        StringBuilder tsWhy = new StringBuilder();
        StringBuilder proposalWhy = new StringBuilder();
        for (ChildConfig child : children) {
            List<TrafficSelector> allowedRemote = theirs(sa, child);
            List<TrafficSelector> allowedLocal = ours(sa, child);
            List<TrafficSelector> remoteTs = TrafficSelectors.narrow(peerTsi, allowedRemote);
            List<TrafficSelector> localTs = TrafficSelectors.narrow(peerTsr, allowedLocal);
            if (remoteTs.isEmpty() || localTs.isEmpty()) {
                tsWhy.append(tsWhy.isEmpty() ? "" : "; ").append(child.name()).append(" allows ")
                        .append(allowedRemote).append(" === ").append(allowedLocal);
                continue;
            }
            List<CryptoProposal> ours = inIkeAuth
                    ? child.proposals().stream().map(CryptoProposal::withoutKeyExchange).toList()
                    : child.proposals();
            Outcome outcome = ProposalMatcher.select(ours, offered, child.protocol());
            if (outcome instanceof NoMatch(String why)) {
                proposalWhy.append(proposalWhy.isEmpty() ? "" : "; ").append(child.name()).append(": ").append(why);
                continue;
            }
            Selected chosen = (Selected) outcome;
            if (chosen.spi().length != 4) {
                return refuse(sa, Failure.SYNTAX, "CHILD_SA SPI of " + chosen.spi().length + " octets",
                        NotifyType.INVALID_SYNTAX, turn);
            }
            boolean transport = child.mode() == Mode.TRANSPORT && request.notify(NotifyType.USE_TRANSPORT_MODE).isPresent();
            return new Chosen(new Choice(child, chosen, localTs, remoteTs, transport ? Mode.TRANSPORT : Mode.TUNNEL));
        }
        if (!proposalWhy.isEmpty()) {
            return refuse(sa, Failure.PROPOSAL, proposalWhy.toString(), NotifyType.NO_PROPOSAL_CHOSEN, turn);
        }
        return refuse(sa, Failure.TRAFFIC_SELECTORS, "the peer proposed " + peerTsi + " === " + peerTsr + "; "
                + (tsWhy.isEmpty() ? "the connection has no children" : tsWhy), NotifyType.TS_UNACCEPTABLE, turn);
    }

    /**
     * Responder: installs the chosen CHILD_SA (the newest of the SA's children then) and returns SA, TSi, TSr (and
     * USE_TRANSPORT_MODE) for the answer.
     */
    static List<Payload> answer(IkeEngine engine, IkeSa sa, Choice choice, Keying keying, Succession succession,
            Turn turn) {
        int inboundSpi = engine.newChildSpi(sa);
        install(engine, sa, choice.child(), choice.chosen(), inboundSpi, ByteBuffer.wrap(choice.chosen().spi()).getInt(),
                choice.mode(), choice.localTs(), choice.remoteTs(), keying, succession, turn);
        List<Payload> answer = new ArrayList<>();
        answer.add(new SecurityAssociationPayload(List.of(choice.chosen().answer(choice.child().protocol(), spiBytes(inboundSpi)))));
        answer.add(TrafficSelectors.toWire(true, choice.remoteTs()));
        answer.add(TrafficSelectors.toWire(false, choice.localTs()));
        if (choice.mode() == Mode.TRANSPORT) {
            answer.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
        }
        return answer;
    }

    static Refused refuse(IkeSa sa, Failure failure, String why, NotifyType notify, Turn turn) {
        return refuse(sa, failure, why, NotifyPayload.of(notify, new byte[0]), turn);
    }

    static Refused refuse(IkeSa sa, Failure failure, String why, NotifyPayload notify, Turn turn) {
        turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, failure, why));
        return new Refused(notify);
    }


    /**
     * The nonces and optional PFS secret a CHILD_SA's keys come from (§2.17), and whether we initiated the
     * exchange (the initiator-to-responder keys come first in KEYMAT).
     */
    record Keying(byte[] nonceI, byte[] nonceR, byte[] sharedSecret, boolean weInitiated) {
        static Keying ofIkeAuth(IkeSa sa) {
            return new Keying(sa.nonceI, sa.nonceR, null, sa.initiator);
        }
    }

    private static ChildLife install(IkeEngine engine, IkeSa sa, ChildConfig child, Selected chosen, int inboundSpi,
            int outboundSpi, Mode mode, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs, Keying keying,
            Succession succession, Turn turn) {
        // AH (RFC 4302) has no encryption: ENCR_NULL with no key
        EncryptionAlgorithm encryption = chosen.of(TransformType.ENCR).map(t -> (EncryptionAlgorithm) t.transform())
                .orElse(EncryptionAlgorithm.ENCR_NULL);
        int keyBits = chosen.of(TransformType.ENCR).map(TransformChoice::keyBits).orElse(0);
        int encryptionLength = Transforms.keyMaterialLength(encryption, keyBits);
        int integrityLength = chosen.integrity().keyLength();
        ChildSaKeys keys = ChildSaKeys.derive(sa.suite.prf(), sa.keys.skD(), keying.sharedSecret(), keying.nonceI(),
                keying.nonceR(), encryptionLength, integrityLength);
        try {
            boolean out = keying.weInitiated();
            InstallChildSa install = new InstallChildSa(sa.id, sa.name(), child.name(), child.protocol(), mode,
                    inboundSpi, outboundSpi, encryption, keyBits, chosen.integrity(),
                    chosen.extendedSequenceNumbers(),
                    (out ? keys.encryptionResponder() : keys.encryptionInitiator()).clone(),
                    (out ? keys.integrityResponder() : keys.integrityInitiator()).clone(),
                    (out ? keys.encryptionInitiator() : keys.encryptionResponder()).clone(),
                    (out ? keys.integrityInitiator() : keys.integrityResponder()).clone(),
                    localTs, remoteTs, sa.local, sa.remote, sa.natDetected(), child.replayWindow(),
                    child.lifetime().limits(), succession.replaces(), succession.outboundActive());
            ChildLife life = new ChildLife(new ChildSa(child.name(), child.protocol(), mode, inboundSpi, outboundSpi,
                    chosen, localTs, remoteTs), child, turn.now, engine.random, succession.replaces(),
                    succession.outboundActive());
            sa.children.add(life);
            turn.emit(install);
            turn.event(new ChildSaEstablished(sa.id, sa.name(), child.name(), inboundSpi, outboundSpi));
            return life;
        } finally {
            keys.destroy();
        }
    }

    private static Proposal withoutKeyExchange(Proposal p) {
        return new Proposal(p.number(), p.protocolId(), p.spi(),
                p.transforms().stream().filter(t -> t.type() != TransformType.KE.value()).toList());
    }

    static byte[] spiBytes(int spi) {
        return ByteBuffer.allocate(4).putInt(spi).array();
    }
}
