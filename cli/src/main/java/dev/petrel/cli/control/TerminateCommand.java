package dev.petrel.cli.control;

import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code petrel terminate CONN}, as {@code swanctl --terminate}. */
@Command(name = "terminate", description = "Take down a connection: delete its IKE SAs and CHILD_SAs.")
public final class TerminateCommand extends ControlCommand {
    @Parameters(paramLabel = "CONN", description = "The connection's name in the configuration.")
    String connection;

    @Override
    boolean run(GatewayControl daemon, PrintWriter out) throws ControlException {
        return report(daemon.terminate(connection), out);
    }
}
