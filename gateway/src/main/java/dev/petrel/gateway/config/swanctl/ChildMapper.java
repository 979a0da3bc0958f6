package dev.petrel.gateway.config.swanctl;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.replay.ReplayWindow;
import dev.petrel.esp.sa.Mode;
import dev.petrel.gateway.config.Child;
import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.MssClamp;
import dev.petrel.gateway.config.StartAction;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.ChildLifetime;
import dev.petrel.ike.config.CloseAction;
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One {@code children.NAME} section, with strongSwan's defaults: selectors {@code dynamic}, ESP proposals
 * {@code default}, tunnel mode, a replay window of 32, rekeying after 1 h, a life of rekey_time + 10 % with the
 * difference as jitter, no byte or packet limits, start action none, dpd and close actions clear. Petrel's own key
 * {@code mss_clamp} takes yes, no or an MSS.
 */
final class ChildMapper {
    private static final Duration REKEY_TIME = Duration.ofHours(1);
    private static final int REPLAY_WINDOW = 32;
    /** strongSwan's parse_action, shared by start_action, dpd_action and close_action. */
    private static final Map<String, CloseAction> ACTIONS = Map.of("none", CloseAction.CLEAR, "clear", CloseAction.CLEAR,
            "trap", CloseAction.TRAP, "route", CloseAction.TRAP, "start", CloseAction.RESTART, "restart", CloseAction.RESTART);

    private ChildMapper() {}

    /**
     * {@code local} and {@code remote} are what {@code dynamic} selectors stand for; null (%any, or a side with
     * virtual IPs) leaves them to the negotiation. {@code trappable}: the connection names its peer's address and
     * leases or asks for no virtual IP, so that a trap policy knows its selectors and whom to negotiate with.
     */
    static Child map(Section child, InetAddress local, InetAddress remote, boolean trappable) {
        Claims c = new Claims(child);
        List<TrafficSelector> localTs = selectors(c, "local_ts", local);
        List<TrafficSelector> remoteTs = selectors(c, "remote_ts", remote);
        var ah = c.setting("ah_proposals");
        List<CryptoProposal> ahProposals = ah.map(s -> Proposals.parse(s, ProtocolId.AH)).orElse(List.of());
        if (ah.isPresent() && c.setting("esp_proposals").isPresent()) {
            // strongSwan 5.9 negotiates one protocol per CHILD_SA, no AH+ESP bundles
            throw ah.get().problem("a child takes esp_proposals or ah_proposals, not both");
        }
        List<CryptoProposal> proposals = ah.isPresent() ? ahProposals
                : c.setting("esp_proposals").map(s -> Proposals.parse(s, ProtocolId.ESP)).orElse(Proposals.defaults(ProtocolId.ESP));
        Mode mode = c.setting("mode").map(ChildMapper::mode).orElse(Mode.TUNNEL);
        CloseAction start = action(c, "start_action", trappable);
        CloseAction dpd = action(c, "dpd_action", trappable);
        CloseAction close = action(c, "close_action", trappable);
        int replayWindow = c.setting("replay_window").map(s -> Values.integer(s, 0, ReplayWindow.MAX_SIZE))
                .orElse(REPLAY_WINDOW);
        ChildLifetime lifetime = lifetime(c);
        MssClamp mss = c.setting("mss_clamp").map(ChildMapper::mssClamp).orElse(MssClamp.OFF);
        c.rejectRest();
        try {
            ChildConfig config = new ChildConfig(child.name(), localTs, remoteTs, proposals, mode, replayWindow)
                    .withLifetime(lifetime).withActions(dpd, close);
            return new Child(config, switch (start) {
                case CLEAR -> StartAction.NONE;
                case TRAP -> StartAction.TRAP;
                case RESTART -> StartAction.START;
            }, mss);
        } catch (IllegalArgumentException e) {
            throw child.problem(e.getMessage());
        }
    }

    /**
     * The CHILD_SA's lifetime as strongSwan fills it in (check_lifetimes): rekey_time 1 h; life_time rekey_time + 10 %;
     * rand_time their difference; rekey_bytes and rekey_packets none, their life_ 10 % more (at least one more).
     */
    private static ChildLifetime lifetime(Claims c) {
        Duration rekeyTime = c.setting("rekey_time").map(Values::time).orElse(REKEY_TIME);
        Duration lifeTime = life(c, "life_time", "rekey_time", rekeyTime.toSeconds(), Values::time, Duration::toSeconds)
                .map(Duration::ofSeconds).orElse(rekeyTime);
        Duration randTime = c.setting("rand_time").map(Values::time)
                .orElse(lifeTime.minus(lifeTime.compareTo(rekeyTime) < 0 ? lifeTime : rekeyTime));
        long rekeyBytes = c.setting("rekey_bytes").map(Values::bytes).orElse(0L);
        long lifeBytes = life(c, "life_bytes", "rekey_bytes", rekeyBytes, Values::bytes, b -> b).orElse(0L);
        long rekeyPackets = c.setting("rekey_packets").map(Values::count).orElse(0L);
        long lifePackets = life(c, "life_packets", "rekey_packets", rekeyPackets, Values::count, p -> p).orElse(0L);
        return new ChildLifetime(rekeyTime, lifeTime, randTime, rekeyBytes, lifeBytes, rekeyPackets, lifePackets);
    }

    /**
     * A hard limit {@code key}, written or {@code rekey} + 10 %; empty when neither is set (0). One written must
     * exceed the soft one, {@code rekey} of {@code rekeyKey}, unless either is 0.
     */
    private static <T> Optional<Long> life(Claims c, String key, String rekeyKey, long rekey, Function<Setting, T> parse,
            ToLongFunction<T> amount) {
        Optional<Setting> written = c.setting(key);
        if (written.isEmpty()) {
            return rekey == 0 ? Optional.empty()
                    : Optional.of(rekey > Long.MAX_VALUE - rekey / 10 - 1 ? Long.MAX_VALUE : rekey + Math.max(1, rekey / 10));
        }
        long life = amount.applyAsLong(parse.apply(written.get()));
        if (life != 0 && rekey != 0 && life <= rekey) {
            throw written.get().problem(key + " must be more than " + rekeyKey + " (" + rekey + ")");
        }
        return Optional.of(life);
    }

    /**
     * {@code start_action}, {@code dpd_action} or {@code close_action}, clear by default. A trap needs a connection
     * that knows whom to negotiate with, and for what.
     */
    private static CloseAction action(Claims c, String key, boolean trappable) {
        Optional<Setting> s = c.setting(key);
        CloseAction action = s.map(v -> Optional.ofNullable(ACTIONS.get(v.value().toLowerCase(Locale.ROOT))).orElseThrow(
                () -> v.problem("'" + v.value() + "' is not an action (none, clear, trap, route, start or restart)")))
                .orElse(CloseAction.CLEAR);
        if (action == CloseAction.TRAP && !trappable) {
            throw s.orElseThrow().problem("a trap needs remote_addrs naming the peer, and neither vips nor pools");
        }
        return action;
    }

    private static List<TrafficSelector> selectors(Claims c, String key, InetAddress address) {
        return c.setting(key).map(s -> Selectors.parse(s, address)).orElseGet(() -> List.of(Selectors.dynamic(address)));
    }

    private static Mode mode(Setting s) {
        return switch (s.value().toLowerCase(Locale.ROOT)) {
            case "tunnel" -> Mode.TUNNEL;
            case "transport" -> Mode.TRANSPORT;
            default -> throw s.problem("mode '" + s.value() + "' is not supported (tunnel or transport)");
        };
    }

    private static MssClamp mssClamp(Setting s) {
        String v = s.value().toLowerCase(Locale.ROOT);
        if (Set.of("yes", "true", "enabled").contains(v)) {
            return MssClamp.PATH_MTU;
        }
        if (Set.of("no", "false", "disabled").contains(v)) {
            return MssClamp.OFF;
        }
        return new MssClamp.Fixed(Values.integer(s, MssClamp.MIN_MSS, MssClamp.MAX_MSS));
    }
}
