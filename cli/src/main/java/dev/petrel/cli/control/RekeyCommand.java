package dev.petrel.cli.control;

import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code petrel rekey --ike CONN [--reauth] | --child CHILD}, as {@code swanctl --rekey}. */
@Command(name = "rekey", description = "Rekey a connection's IKE SAs, or reauthenticate them, or rekey a child's CHILD_SAs.")
public final class RekeyCommand extends ControlCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** The IKE SAs of a connection, or the CHILD_SAs of a child. */
    static final class Target {
        @ArgGroup(exclusive = false)
        Ike ike;

        @Option(names = "--child", paramLabel = "CHILD", required = true,
                description = "Rekey the CHILD_SAs of this child (its name in the configuration).")
        String child;
    }

    static final class Ike {
        @Option(names = "--ike", paramLabel = "CONN", required = true,
                description = "Rekey the established IKE SAs of this connection.")
        String connection;

        @Option(names = "--reauth", description = "Reauthenticate them instead: new IKE SAs from scratch, then the old ones go.")
        boolean reauth;
    }

    @Override
    boolean run(GatewayControl daemon, PrintWriter out) throws ControlException {
        return report(target.ike != null ? daemon.rekeyIke(target.ike.connection, target.ike.reauth)
                : daemon.rekeyChild(target.child), out);
    }
}
