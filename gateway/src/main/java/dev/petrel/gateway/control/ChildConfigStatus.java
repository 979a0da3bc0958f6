package dev.petrel.gateway.control;

import java.util.List;
import java.util.Objects;

/**
 * A child configuration of a connection as {@code swanctl --list-conns} shows it.
 *
 * @param name the child's name in the configuration
 * @param mode {@code mode}: {@code TUNNEL} or {@code TRANSPORT}
 * @param localTs {@code local_ts}: this side's traffic selectors ({@code dynamic} for its own address)
 * @param remoteTs {@code remote_ts}: the peer's traffic selectors
 * @param espProposals {@code esp_proposals} in strongSwan's syntax, e.g. {@code aes128gcm16-x25519}
 * @param startAction {@code start_action}: {@code none}, {@code trap} or {@code start}
 */
public record ChildConfigStatus(
        String name,
        String mode,
        List<String> localTs,
        List<String> remoteTs,
        List<String> espProposals,
        String startAction) {

    public ChildConfigStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(startAction, "startAction");
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        espProposals = List.copyOf(espProposals);
    }
}
