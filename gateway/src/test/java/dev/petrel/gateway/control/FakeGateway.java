package dev.petrel.gateway.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link GatewayControl} with fixed answers that notes the commands it was given; "nowhere" is unknown. */
final class FakeGateway implements GatewayControl {
    static final IkeSaStatus HOME = new IkeSaStatus("home", 1, IkeSaState.ESTABLISHED, "192.0.2.1", 4500,
            "192.0.2.2", 4500, "moon.example.org", "sun.example.org", true, "6fd55d95f66b4a67", "cea64d4a303e0ca2",
            new Algorithms("AES_GCM_16", 256, "", "PRF_HMAC_SHA2_256", "CURVE_25519"), true, false, 42, "", List.of(), List.of(),
            List.of(new ChildSaStatus("net", 1, 1, ChildSaState.INSTALLED, "TUNNEL", "ESP", true, "c8931e89",
                    "cee78125", new Algorithms("AES_GCM_16", 128, "", "", ""), false, 84, 1, 168, 2, 41,
                    List.of("198.51.100.0/24"), List.of("203.0.113.0/24"))));
    static final AddressPoolStatus RW_POOL = new AddressPoolStatus("rw-pool", List.of("10.3.0.1-10.3.0.14"), 14, 1, 1,
            List.of(new PoolLeaseStatus("10.3.0.1", "carol@petrel.test", "online"),
                    new PoolLeaseStatus("10.3.0.2", "dave@petrel.test", "offline")));
    static final ConnectionStatus HOME_CONN = new ConnectionStatus("home", List.of("192.0.2.1"),
            List.of("192.0.2.2"), "IKEv2", List.of("aes256gcm16-prfsha256-x25519"), "pre-shared key",
            "moon.example.org", "pre-shared key", "sun.example.org",
            List.of(new ChildConfigStatus("net", "TUNNEL", List.of("198.51.100.0/24"), List.of("203.0.113.0/24"),
                    List.of("aes128gcm16"), "start")));

    final List<String> commands = new CopyOnWriteArrayList<>();

    @Override
    public CommandResult initiate(String connection) throws ControlException {
        commands.add("initiate " + known(connection));
        return CommandResult.success("initiated " + connection);
    }

    @Override
    public CommandResult terminate(String connection) throws ControlException {
        commands.add("terminate " + known(connection));
        return CommandResult.failure("no IKE SA of " + connection + " to terminate");
    }

    @Override
    public CommandResult rekeyIke(String connection, boolean reauthenticate) throws ControlException {
        commands.add("rekey --ike " + known(connection) + (reauthenticate ? " --reauth" : ""));
        return CommandResult.success("rekeying started");
    }

    @Override
    public CommandResult rekeyChild(String child) {
        commands.add("rekey --child " + child);
        return CommandResult.failure("no CHILD_SA of " + child + " to rekey");
    }

    @Override
    public CommandResult reload() {
        commands.add("reload");
        return CommandResult.success("loaded 1 connection");
    }

    @Override
    public List<IkeSaStatus> listSas() {
        commands.add("list-sas");
        return List.of(HOME);
    }

    @Override
    public List<ConnectionStatus> listConns() {
        commands.add("list-conns");
        return List.of(HOME_CONN);
    }

    @Override
    public List<AddressPoolStatus> listPools() {
        commands.add("list-pools");
        return List.of(RW_POOL);
    }

    private static String known(String connection) throws ControlException {
        if (connection.equals("nowhere")) {
            throw new ControlException("no connection named 'nowhere'");
        }
        return connection;
    }
}
