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
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code children.NAME} section, with strongSwan's defaults: selectors {@code dynamic}, ESP proposals
 * {@code default}, tunnel mode, a replay window of 32, rekeying after 1 h and a life of rekey_time + 10 %, start
 * action none. Petrel's own key {@code mss_clamp} takes yes, no or an MSS.
 */
final class ChildMapper {
    private static final Duration REKEY_TIME = Duration.ofHours(1);
    private static final int REPLAY_WINDOW = 32;

    /** Petrel removes a CHILD_SA whose peer is dead or which the peer closed, and does nothing more. */
    private static final List<OneValue> ONE_VALUE = List.of(nothingMore("dpd_action"), nothingMore("close_action"));

    private ChildMapper() {}

    /**
     * {@code local} and {@code remote} are what {@code dynamic} selectors stand for; null (%any, or a side with
     * virtual IPs) leaves them to the negotiation.
     */
    static Child map(Section child, InetAddress local, InetAddress remote) {
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
        StartAction start = c.setting("start_action").map(ChildMapper::startAction).orElse(StartAction.NONE);
        int replayWindow = c.setting("replay_window").map(s -> Values.integer(s, 0, ReplayWindow.MAX_SIZE))
                .orElse(REPLAY_WINDOW);
        Duration rekeyTime = c.setting("rekey_time").map(Values::time).orElse(REKEY_TIME);
        // strongSwan's check_lifetimes: no life_time means rekey_time + 10 %
        Optional<Setting> life = c.setting("life_time");
        Duration lifeTime = life.map(Values::time).orElse(Duration.ofSeconds(rekeyTime.toSeconds() * 110 / 100));
        if (life.isPresent() && !rekeyTime.isZero() && !lifeTime.isZero() && lifeTime.compareTo(rekeyTime) <= 0) {
            throw life.get().problem("life_time must be longer than rekey_time");
        }
        ONE_VALUE.forEach(rule -> rule.check(c));
        MssClamp mss = c.setting("mss_clamp").map(ChildMapper::mssClamp).orElse(MssClamp.OFF);
        c.rejectRest();
        try {
            ChildConfig config = new ChildConfig(child.name(), localTs, remoteTs, proposals, mode, replayWindow);
            return new Child(config, start, rekeyTime, lifeTime, mss);
        } catch (IllegalArgumentException e) {
            throw child.problem(e.getMessage());
        }
    }

    private static List<TrafficSelector> selectors(Claims c, String key, InetAddress address) {
        return c.setting(key).map(s -> Selectors.parse(s, address)).orElseGet(() -> List.of(Selectors.dynamic(address)));
    }

    private static OneValue nothingMore(String key) {
        return new OneValue(key, s -> Set.of("none", "clear").contains(s.value().toLowerCase(Locale.ROOT)),
                "only none or clear is supported: Petrel does not restart or trap");
    }

    private static Mode mode(Setting s) {
        return switch (s.value().toLowerCase(Locale.ROOT)) {
            case "tunnel" -> Mode.TUNNEL;
            case "transport" -> Mode.TRANSPORT;
            default -> throw s.problem("mode '" + s.value() + "' is not supported (tunnel or transport)");
        };
    }

    private static StartAction startAction(Setting s) {
        return switch (s.value().toLowerCase(Locale.ROOT)) {
            case "none", "clear" -> StartAction.NONE;
            case "start", "restart" -> StartAction.START;
            case "trap", "route" ->
                    throw s.problem("start_action = trap is not supported yet: Petrel installs no trap policies");
            default -> throw s.problem("'" + s.value() + "' is not a start action (none, start or trap)");
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
