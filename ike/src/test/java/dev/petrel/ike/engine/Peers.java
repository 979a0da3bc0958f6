package dev.petrel.ike.engine;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test configurations for a left (initiator) and right (responder) gateway, as in ../shared/interop. */
public final class Peers {
    public static final InetAddress LEFT = address("192.0.2.1");
    public static final InetAddress RIGHT = address("192.0.2.2");
    static final Endpoint LEFT_IKE = new Endpoint(LEFT, Endpoint.IKE_PORT);
    static final Endpoint RIGHT_IKE = new Endpoint(RIGHT, Endpoint.IKE_PORT);
    static final byte[] PSK = "petrel-interop-psk-0123456789".getBytes(StandardCharsets.US_ASCII);

    private Peers() {}

    static IkeConfig left(String ike, String esp) {
        return left(ike, esp, false);
    }

    static IkeConfig right(String ike, String esp) {
        return right(ike, esp, false);
    }

    /** The left gateway; {@code encap} forces UDP encapsulation as swanctl's {@code encap = yes}. */
    public static IkeConfig left(String ike, String esp, boolean encap) {
        return config("left.petrel.test", "right.petrel.test", LEFT, RIGHT, ike, esp, "198.51.100.0/24", "203.0.113.0/24", encap);
    }

    /** The right gateway; {@code encap} forces UDP encapsulation as swanctl's {@code encap = yes}. */
    public static IkeConfig right(String ike, String esp, boolean encap) {
        return config("right.petrel.test", "left.petrel.test", RIGHT, LEFT, ike, esp, "203.0.113.0/24", "198.51.100.0/24", encap);
    }

    static IkeConfig config(String localId, String remoteId, InetAddress local, InetAddress remote, String ike, String esp,
            String localNet, String remoteNet, boolean encap) {
        ChildConfig child = new ChildConfig("net", List.of(TrafficSelector.subnet(localNet)),
                List.of(TrafficSelector.subnet(remoteNet)), ProposalParser.parseList(esp, ProtocolId.ESP), Mode.TUNNEL, 64);
        return new IkeConfig("petrel", local, remote, ProposalParser.parseList(ike, ProtocolId.IKE),
                Identity.parse(localId), new PreSharedKey(PSK), IdentityMatcher.parse(remoteId), new PreSharedKey(PSK),
                List.of(child), encap);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
