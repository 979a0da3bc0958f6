package dev.petrel.cli.control;

import dev.petrel.gateway.control.AddressPoolStatus;
import dev.petrel.gateway.control.Algorithms;
import dev.petrel.gateway.control.ChildConfigStatus;
import dev.petrel.gateway.control.ChildSaState;
import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.ConnectionStatus;
import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import dev.petrel.gateway.control.IkeSaState;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.gateway.control.PoolLeaseStatus;
import java.util.List;

/**
 * A daemon with two IKE SAs (one established with two CHILD_SAs, one still connecting as responder) and two
 * connections. It knows the connections "home" and "office"; terminating "office" finds nothing to terminate.
 */
final class FakeDaemon implements GatewayControl {
    static final List<IkeSaStatus> SAS = List.of(
            new IkeSaStatus("home", 1, IkeSaState.ESTABLISHED, "192.0.2.1", 4500, "192.0.2.2", 4500,
                    "moon.example.org", "sun.example.org", true, "6fd55d95f66b4a67", "cea64d4a303e0ca2",
                    new Algorithms("AES_GCM_16", 256, "", "PRF_HMAC_SHA2_256", "CURVE_25519"), true, false, 42, "", List.of(), List.of(),
                    List.of(new ChildSaStatus("net", 1, 1, ChildSaState.INSTALLED, "TUNNEL", "ESP", true, "c8931e89",
                                    "cee78125", new Algorithms("AES_GCM_16", 128, "", "", ""), false, 12345, 100,
                                    168, 2, 41, List.of("198.51.100.0/24"), List.of("203.0.113.0/24")),
                            new ChildSaStatus("mgmt", 2, 2, ChildSaState.REKEYING, "TRANSPORT", "ESP", false,
                                    "c1234567", "c7654321",
                                    new Algorithms("AES_CBC", 128, "HMAC_SHA2_256_128", "", "ECP_256"), true, 0, 0,
                                    1234567, 8901, 7, List.of("192.0.2.1/32[udp/161]"),
                                    List.of("192.0.2.2/32", "2001:db8::2/128")))),
            new IkeSaStatus("office", 2, IkeSaState.CONNECTING, "2001:db8::1", 500, "2001:db8::3", 500,
                    "moon.example.org", "%any", false, "0011223344556677", "8899aabbccddeeff", Algorithms.NONE,
                    false, false, 0, "", List.of(), List.of(), List.of()));

    static final List<AddressPoolStatus> POOLS = List.of(new AddressPoolStatus("rw-pool", List.of("10.3.0.1-10.3.0.14"),
            14, 1, 1, List.of(new PoolLeaseStatus("10.3.0.1", "carol@petrel.test", "online"),
                    new PoolLeaseStatus("10.3.0.2", "dave@petrel.test", "offline"))));

    static final List<ConnectionStatus> CONNS = List.of(
            new ConnectionStatus("home", List.of("192.0.2.1"), List.of("192.0.2.2"), "IKEv2",
                    List.of("aes256gcm16-prfsha256-x25519", "aes128-sha256-ecp256"), "pre-shared key",
                    "moon.example.org", "pre-shared key", "sun.example.org",
                    List.of(new ChildConfigStatus("net", "TUNNEL", List.of("198.51.100.0/24"),
                            List.of("203.0.113.0/24"), List.of("aes128gcm16"), "start"))),
            new ConnectionStatus("office", List.of("%any"), List.of("2001:db8::3", "2001:db8::4"), "IKEv2",
                    List.of("aes256gcm16-prfsha384-ecp384"), "pre-shared key", "moon.example.org", "pre-shared key",
                    "%any", List.of()));

    @Override
    public CommandResult initiate(String connection) throws ControlException {
        return CommandResult.success("initiating " + known(connection), "IKE SA " + connection + " established");
    }

    @Override
    public CommandResult terminate(String connection) throws ControlException {
        return known(connection).equals("office")
                ? CommandResult.failure("no IKE SA of office to terminate")
                : CommandResult.success("IKE SA " + connection + " deleted");
    }

    @Override
    public CommandResult rekeyIke(String connection, boolean reauthenticate) throws ControlException {
        return CommandResult.success((reauthenticate ? "reauthenticating" : "rekeying") + " IKE SA(s) #1 of "
                + known(connection));
    }

    @Override
    public CommandResult rekeyChild(String child) throws ControlException {
        if (!child.equals("net") && !child.equals("mgmt")) {
            throw new ControlException("no child named '" + child + "'");
        }
        return CommandResult.success("rekeying CHILD_SA(s) c8931e89 of " + child);
    }

    @Override
    public CommandResult reload() {
        return CommandResult.success("loaded 2 connections");
    }

    @Override
    public List<IkeSaStatus> listSas() {
        return SAS;
    }

    @Override
    public List<ConnectionStatus> listConns() {
        return CONNS;
    }

    @Override
    public List<AddressPoolStatus> listPools() {
        return POOLS;
    }

    private static String known(String connection) throws ControlException {
        if (!connection.equals("home") && !connection.equals("office")) {
            throw new ControlException("no connection named '" + connection + "'");
        }
        return connection;
    }
}
