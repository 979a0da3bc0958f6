package dev.petrel.gateway.control;

import java.util.List;
import java.util.Objects;

/**
 * A loaded connection as {@code swanctl --list-conns} shows it, with its settings in {@code swanctl.conf}'s words.
 *
 * @param name the connection's name in the configuration
 * @param localAddrs {@code local_addrs}: addresses, ranges or names this side uses ({@code %any} for any)
 * @param remoteAddrs {@code remote_addrs}: where the peer may be
 * @param version {@code IKEv2}
 * @param proposals {@code proposals}: the IKE proposals in strongSwan's syntax, e.g.
 *     {@code aes256gcm16-prfsha384-x25519}
 * @param localAuth how this side authenticates, as swanctl names it: {@code pre-shared key}, {@code public key} ...
 * @param localId this side's identity ({@code %any} when unset)
 * @param remoteAuth how the peer must authenticate
 * @param remoteId the identity the peer must show
 */
public record ConnectionStatus(
        String name,
        List<String> localAddrs,
        List<String> remoteAddrs,
        String version,
        List<String> proposals,
        String localAuth,
        String localId,
        String remoteAuth,
        String remoteId,
        List<ChildConfigStatus> children) {

    public ConnectionStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(localAuth, "localAuth");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(remoteAuth, "remoteAuth");
        Objects.requireNonNull(remoteId, "remoteId");
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        proposals = List.copyOf(proposals);
        children = List.copyOf(children);
    }
}
