package dev.petrel.cli.control;

import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import dev.petrel.gateway.control.IkeSaStatus;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code petrel list-sas [--json]}, as {@code swanctl --list-sas}. */
@Command(name = "list-sas", description = "List the IKE SAs and their CHILD_SAs.")
public final class ListSasCommand extends ListingCommand<IkeSaStatus> {
    @Override
    List<IkeSaStatus> list(GatewayControl daemon) throws ControlException {
        return daemon.listSas();
    }

    @Override
    void print(List<IkeSaStatus> sas, PrintWriter out) {
        SaListing.print(sas, out);
    }
}
