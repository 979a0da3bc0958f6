package dev.petrel.ike.engine;

import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.event.MessageDropped;
import dev.petrel.ike.event.MessageDropped.Reason;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.pool.AddressPool;
import dev.petrel.ike.pool.AddressWish;
import dev.petrel.ike.pool.AssignedAddress;
import dev.petrel.ike.pool.ConfigAttributeException;
import dev.petrel.ike.pool.ConfigAttributes;
import dev.petrel.ike.pool.ConfigReply;
import dev.petrel.ike.pool.ConfigRequest;
import dev.petrel.ike.pool.IpFamily;
import dev.petrel.ike.pool.Lease;
import dev.petrel.ike.pool.PoolConfig;
import dev.petrel.wire.ike.ConfigAttributeType;
import dev.petrel.wire.ike.ConfigType;
import dev.petrel.wire.ike.ConfigurationPayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CP payloads of IKE_AUTH (RFC 7296 §2.19, §3.15): the initiator's CFG_REQUEST for virtual IPs and DNS servers
 * and what the CFG_REPLY assigned it; the responder's leases from the connection's pools, answered in the last
 * IKE_AUTH response, and given back when the IKE SA dies.
 */
final class ConfigPayloads {
    private ConfigPayloads() {}

    /** Initiator: the CFG_REQUEST, when the connection asks for virtual IPs. */
    static Optional<Payload> request(IkeConfig config) {
        List<InetAddress> wanted = config.virtualIps().request();
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        List<AddressWish> wishes = wanted.stream().map(a -> new AddressWish(IpFamily.of(a),
                a.isAnyLocalAddress() ? Optional.empty() : Optional.of(a))).toList();
        Set<ConfigAttributeType> asked = EnumSet.noneOf(ConfigAttributeType.class);
        for (InetAddress a : wanted) {
            asked.add(a instanceof Inet6Address ? ConfigAttributeType.INTERNAL_IP6_DNS : ConfigAttributeType.INTERNAL_IP4_DNS);
        }
        return Optional.of(ConfigAttributes.request(new ConfigRequest(wishes, asked)));
    }

    /** Initiator: the addresses a CFG_REPLY in {@code response} assigned us; a malformed one assigns nothing. */
    static List<InetAddress> assigned(IkeSa sa, IkeMessage response, Turn turn) {
        var reply = response.first(ConfigurationPayload.class);
        if (sa.config.virtualIps().request().isEmpty() || reply.isEmpty()) {
            return List.of();
        }
        try {
            return ConfigAttributes.readReply(reply.get()).addresses().stream().map(AssignedAddress::address).toList();
        } catch (ConfigAttributeException e) {
            turn.event(new MessageDropped(sa.id, sa.remote, Reason.MALFORMED, "the responder's CP payload: "
                    + e.getMessage() + "; no virtual IP taken"));
            return List.of();
        }
    }

    /**
     * Responder: leases an address of each family the peer's CFG_REQUEST asks for, from the first of the
     * connection's pools that has one, to {@code identity}; the CFG_REPLY, or INTERNAL_ADDRESS_FAILURE when nothing
     * could be leased (§3.10.1: then no CHILD_SA is created), or nothing without a request or pools.
     */
    static Optional<Payload> lease(IkeEngine engine, IkeSa sa, IkeMessage request, String identity, Turn turn) {
        var cp = request.first(ConfigurationPayload.class).filter(c -> c.configType() == ConfigType.CFG_REQUEST.value());
        List<AddressPool> pools = sa.config.virtualIps().pools().stream().flatMap(n -> engine.pools().get(n).stream()).toList();
        if (cp.isEmpty() || pools.isEmpty()) {
            return Optional.empty();
        }
        ConfigRequest wanted;
        try {
            wanted = ConfigAttributes.readRequest(cp.get());
        } catch (ConfigAttributeException e) {
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.SYNTAX, "the peer's CP request: "
                    + e.getMessage()));
            return Optional.of(NotifyPayload.of(NotifyType.INTERNAL_ADDRESS_FAILURE));
        }
        List<Lease> leases = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (AddressWish wish : wanted.addresses()) {
            Optional<Lease> lease = Optional.empty();
            for (AddressPool pool : pools) {
                lease = pool.acquire(identity, wish.requested().orElse(null), wish.family());
                if (lease.isPresent()) {
                    break;
                }
                pool.unavailable(wish.family()).ifPresent(why::add);
            }
            lease.ifPresent(leases::add);
        }
        if (leases.isEmpty()) {
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.CAPACITY, "no virtual IP for "
                    + identity + ": " + String.join("; ", why)));
            return Optional.of(NotifyPayload.of(NotifyType.INTERNAL_ADDRESS_FAILURE));
        }
        sa.leases = List.copyOf(leases);
        sa.virtualIps = leases.stream().map(Lease::address).toList();
        List<PoolConfig> configs = pools.stream().map(AddressPool::config).toList();
        return Optional.of(ConfigAttributes.reply(ConfigReply.of(leases, configs)));
    }

    /** Responder: the SA is gone; its leases go offline, kept for the identity. */
    static void release(IkeEngine engine, IkeSa sa) {
        for (Lease lease : sa.leases) {
            engine.pools().get(lease.pool()).ifPresent(pool -> pool.release(lease));
        }
        sa.leases = List.of();
    }
}
