package dev.petrel.cli.control;

import dev.petrel.gateway.control.ConnectionStatus;
import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code petrel list-conns [--json]}, as {@code swanctl --list-conns}. */
@Command(name = "list-conns", description = "List the loaded connections.")
public final class ListConnsCommand extends ListingCommand<ConnectionStatus> {
    @Override
    List<ConnectionStatus> list(GatewayControl daemon) throws ControlException {
        return daemon.listConns();
    }

    @Override
    void print(List<ConnectionStatus> conns, PrintWriter out) {
        ConnListing.print(conns, out);
    }
}
