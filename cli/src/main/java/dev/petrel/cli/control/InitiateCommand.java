package dev.petrel.cli.control;

import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code petrel initiate CONN}, as {@code swanctl --initiate}. */
@Command(name = "initiate", description = "Bring up a connection: its IKE SA and CHILD_SAs.")
public final class InitiateCommand extends ControlCommand {
    @Parameters(paramLabel = "CONN", description = "The connection's name in the configuration.")
    String connection;

    @Override
    boolean run(GatewayControl daemon, PrintWriter out) throws ControlException {
        return report(daemon.initiate(connection), out);
    }
}
