package dev.petrel.gateway.daemon;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.gateway.config.Child;
import dev.petrel.gateway.config.Connection;
import dev.petrel.gateway.control.AddressPoolStatus;
import dev.petrel.gateway.control.Algorithms;
import dev.petrel.gateway.control.ChildConfigStatus;
import dev.petrel.gateway.control.ChildSaState;
import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.ConnectionStatus;
import dev.petrel.gateway.control.IkeSaState;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.gateway.control.PoolLeaseStatus;
import dev.petrel.gateway.dataplane.ChildTraffic;
import dev.petrel.gateway.status.AlgorithmNames;
import dev.petrel.ike.config.Authentication;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.ts.TrafficSelectors;
import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.pool.AddressRange;
import dev.petrel.ike.pool.PoolStatus;
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.ike.proposal.TransformChoice;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ip.IpAddressText;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/** The engine's and the data plane's state in the control socket's terms, which are swanctl's. */
final class Statuses {
    private Statuses() {}

    static IkeSaStatus ikeSa(IkeSaView sa, Instant now, Map<Long, Instant> established, Map<Integer, Instant> installed,
                             IntFunction<Optional<ChildTraffic>> traffic, boolean udpEncapsulated) {
        IkeSuite suite = sa.suite();
        Algorithms algorithms = suite == null ? Algorithms.NONE : new Algorithms(AlgorithmNames.of(suite.encryption()),
                suite.keyBits(), AlgorithmNames.of(suite.integrity()), AlgorithmNames.of(suite.pseudorandomFunction()),
                AlgorithmNames.of(suite.keyExchange()));
        Instant up = established.get(sa.id());
        List<ChildSaStatus> children = sa.children().stream().map(c -> child(c, sa.retiring().contains(c.inboundSpi()), now,
                installed.get(c.inboundSpi()), traffic.apply(c.inboundSpi()), udpEncapsulated)).toList();
        List<String> vips = sa.virtualIps().stream().map(IpAddressText::of).toList();
        return new IkeSaStatus(sa.connection() == null ? "?" : sa.connection(), sa.id(), state(sa),
                IpAddressText.of(sa.local().address()), sa.local().port(), IpAddressText.of(sa.remote().address()),
                sa.remote().port(), sa.localId() == null ? "" : sa.localId().toString(),
                sa.remoteId() == null ? "" : sa.remoteId().toString(), sa.initiator(), String.format("%016x", sa.initiatorSpi()),
                String.format("%016x", sa.responderSpi()), algorithms, sa.natDetected(), sa.natDetected(),
                up == null ? 0 : Duration.between(up, now).toSeconds(), sa.remoteEapId() == null ? "" : sa.remoteEapId(),
                sa.initiator() ? vips : List.of(), sa.initiator() ? List.of() : vips, children);
    }

    private static IkeSaState state(IkeSaView sa) {
        return switch (sa.state()) {
            case CONNECTING -> IkeSaState.CONNECTING;
            case ESTABLISHED -> IkeSaState.ESTABLISHED;
            case REKEYED -> IkeSaState.REKEYED;
            case DELETING, DESTROYED -> IkeSaState.DELETING;
        };
    }

    /** {@code retiring}: replaced by a rekeying (or redundant, or being deleted), it lingers until removed. */
    private static ChildSaStatus child(ChildSa c, boolean retiring, Instant now, Instant installedAt,
            Optional<ChildTraffic> traffic, boolean udp) {
        String encryption = "";
        int keySize = 0;
        String integrity = "";
        String keyExchange = "";
        boolean esn = false;
        for (TransformChoice t : c.suite().transforms()) {
            switch (t.transform()) {
                case EncryptionAlgorithm e -> {
                    encryption = AlgorithmNames.of(e);
                    keySize = t.keyBits();
                }
                case IntegrityAlgorithm i -> integrity = AlgorithmNames.of(i);
                case KeyExchangeMethod k -> keyExchange = AlgorithmNames.of(k);
                case ExtendedSequenceNumbers e -> esn = e == ExtendedSequenceNumbers.ESN;
                default -> { }
            }
        }
        ChildTraffic t = traffic.orElse(new ChildTraffic(0, 0, 0, 0));
        return new ChildSaStatus(c.name(), Integer.toUnsignedLong(c.inboundSpi()), 0,
                retiring ? ChildSaState.REKEYED : traffic.isPresent() ? ChildSaState.INSTALLED : ChildSaState.INSTALLING,
                c.mode().name(),
                c.protocol() == ProtocolId.AH ? "AH" : "ESP", udp && c.protocol() != ProtocolId.AH,
                String.format("%08x", c.inboundSpi()), String.format("%08x", c.outboundSpi()),
                new Algorithms(encryption, keySize, integrity, "", keyExchange), esn, t.bytesIn(), t.packetsIn(), t.bytesOut(),
                t.packetsOut(), installedAt == null ? 0 : Duration.between(installedAt, now).toSeconds(),
                selectors(c.localTs()), selectors(c.remoteTs()));
    }

    static ConnectionStatus connection(Connection connection) {
        IkeConfig ike = connection.ike();
        return new ConnectionStatus(connection.name(), List.of(address(ike.localAddress())), List.of(address(ike.remoteAddress())),
                "IKEv2", proposals(ike.proposals()), auth(ike.localAuth()), ike.localId() == null ? "%any" : ike.localId().toString(),
                auth(ike.remoteAuth()), ike.remoteId().toString(), connection.children().stream().map(Statuses::child).toList());
    }

    private static ChildConfigStatus child(Child child) {
        return new ChildConfigStatus(child.name(), child.config().mode().name(), selectors(child.config().localTs()),
                selectors(child.config().remoteTs()), proposals(child.config().proposals()),
                child.startAction().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** A pool's status as {@code swanctl --list-pools --leases} shows it. */
    static AddressPoolStatus pool(PoolStatus pool) {
        return new AddressPoolStatus(pool.name(), pool.ranges().stream().map(AddressRange::toString).toList(), pool.size(),
                pool.online(), pool.offline(), pool.leases().stream().map(l -> new PoolLeaseStatus(IpAddressText.of(l.address()),
                        l.identity(), l.online() ? "online" : "offline")).toList());
    }

    private static String auth(Authentication authentication) {
        return switch (authentication) {
            case PreSharedKey psk -> "pre-shared key";
            case CertificateAuth c -> "public key";
            case TrustAnchors t -> "public key";
            case EapCredentials e -> e.method() == null ? "EAP" : "EAP-" + AlgorithmNames.eap(e.method());
            case EapPolicy e -> "EAP-" + AlgorithmNames.eap(e.method());
        };
    }

    private static List<String> proposals(List<CryptoProposal> proposals) {
        return proposals.stream().map(p -> AlgorithmNames.of(p.transforms())).toList();
    }

    private static List<String> selectors(List<TrafficSelector> selectors) {
        return selectors.stream().map(ts -> TrafficSelectors.isDynamic(ts) ? "dynamic" : ts.toString()).toList();
    }

    private static String address(InetAddress address) {
        return address == null ? "%any" : IpAddressText.of(address);
    }
}
