package dev.petrel.gateway.control;

import java.util.List;

/**
 * What a running gateway lets its operator do, as {@code swanctl} lets one drive charon: start and stop
 * connections, reload the configuration, and look at the SAs and connections. The daemon implements it;
 * {@link ControlServer} serves it on the control socket and {@link ControlClient} is its other end, so a caller
 * cannot tell the daemon in its own process from one behind the socket.
 *
 * <p>A command that ran answers with a {@link CommandResult}; one that could not run at all (an unknown connection,
 * a configuration that does not load, no daemon to ask) throws a {@link ControlException}. Implementations are
 * called from several threads at once.
 */
public interface GatewayControl {
    /** Starts the connection's IKE SA and CHILD_SAs, as {@code swanctl --initiate}. */
    CommandResult initiate(String connection) throws ControlException;

    /** Deletes the connection's IKE SAs and their CHILD_SAs, as {@code swanctl --terminate}. */
    CommandResult terminate(String connection) throws ControlException;

    /**
     * Rekeys the connection's established IKE SAs (RFC 7296 §2.18), or with {@code reauthenticate} replaces each by a
     * new one from scratch (§2.8.3), as {@code swanctl --rekey --ike NAME [--reauth]}; answers once they started.
     */
    CommandResult rekeyIke(String connection, boolean reauthenticate) throws ControlException;

    /**
     * Rekeys every CHILD_SA of the child configuration {@code child} (RFC 7296 §2.8), as
     * {@code swanctl --rekey --child NAME}; answers once the rekeyings started.
     */
    CommandResult rekeyChild(String child) throws ControlException;

    /** Reads the configuration again and applies what changed, as {@code swanctl --load-all}. */
    CommandResult reload() throws ControlException;

    /** The IKE SAs and their CHILD_SAs, as {@code swanctl --list-sas}. */
    List<IkeSaStatus> listSas() throws ControlException;

    /** The loaded connections, as {@code swanctl --list-conns}. */
    List<ConnectionStatus> listConns() throws ControlException;

    /** The virtual IP pools and their leases, as {@code swanctl --list-pools --leases}. */
    List<AddressPoolStatus> listPools() throws ControlException;
}
