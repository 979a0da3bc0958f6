package dev.petrel.cli.control;

import dev.petrel.gateway.control.ChildConfigStatus;
import dev.petrel.gateway.control.ConnectionStatus;
import java.io.PrintWriter;
import java.util.List;

/**
 * Connections in the layout of {@code swanctl --list-conns}, with the proposals, ESP proposals and start action
 * that swanctl leaves out:
 * <pre>
 * home: IKEv2
 *   local:  192.0.2.1
 *   remote: 192.0.2.2
 *   proposals: aes256gcm16-prfsha256-x25519
 *   local pre-shared key authentication:
 *     id: moon.example.org
 *   remote pre-shared key authentication:
 *     id: sun.example.org
 *   net: TUNNEL
 *     local:  198.51.100.0/24
 *     remote: 203.0.113.0/24
 *     esp proposals: aes128gcm16
 *     start action: start
 * </pre>
 */
final class ConnListing {
    private ConnListing() { }

    static void print(List<ConnectionStatus> conns, PrintWriter out) {
        for (ConnectionStatus conn : conns) {
            out.printf("%s: %s%n", conn.name(), conn.version());
            conn.localAddrs().forEach(address -> out.printf("  local:  %s%n", address));
            conn.remoteAddrs().forEach(address -> out.printf("  remote: %s%n", address));
            out.printf("  proposals: %s%n", String.join(", ", conn.proposals()));
            out.printf("  local %s authentication:%n    id: %s%n", conn.localAuth(), conn.localId());
            out.printf("  remote %s authentication:%n    id: %s%n", conn.remoteAuth(), conn.remoteId());
            conn.children().forEach(child -> printChild(child, out));
        }
    }

    private static void printChild(ChildConfigStatus child, PrintWriter out) {
        out.printf("  %s: %s%n", child.name(), child.mode());
        out.printf("    local:  %s%n", String.join(" ", child.localTs()));
        out.printf("    remote: %s%n", String.join(" ", child.remoteTs()));
        out.printf("    esp proposals: %s%n", String.join(", ", child.espProposals()));
        out.printf("    start action: %s%n", child.startAction());
    }
}
