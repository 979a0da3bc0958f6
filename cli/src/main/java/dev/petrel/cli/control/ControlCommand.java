package dev.petrel.cli.control;

import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.ControlClient;
import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code petrel} command that talks to the running daemon over its control socket. It exits with 0 when the
 * daemon did what was asked; otherwise with 1 and one line on standard error, e.g.
 * {@code petrel initiate: no Petrel daemon at /run/petrel/petrel.sock: connection refused}.
 */
abstract class ControlCommand implements Callable<Integer> {
    @Mixin
    SocketOption socket;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            if (run(new ControlClient(socket.path), spec.commandLine().getOut())) {
                return 0;
            }
            fail("failed");
        } catch (ControlException e) {
            fail(e.getMessage());
        }
        return 1;
    }

    /** Asks the daemon and prints its answer; false when the daemon says the command did not succeed. */
    abstract boolean run(GatewayControl daemon, PrintWriter out) throws ControlException;

    /** Prints what the daemon said about a command, one line each; whether the command succeeded. */
    static boolean report(CommandResult result, PrintWriter out) {
        result.lines().forEach(out::println);
        return result.ok();
    }

    private void fail(String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    }
}
