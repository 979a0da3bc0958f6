package dev.petrel.cli.control;

import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code petrel reload}, as {@code swanctl --load-all}. */
@Command(name = "reload", description = "Have the daemon read its configuration again and apply what changed.")
public final class ReloadCommand extends ControlCommand {
    @Override
    boolean run(GatewayControl daemon, PrintWriter out) throws ControlException {
        return report(daemon.reload(), out);
    }
}
