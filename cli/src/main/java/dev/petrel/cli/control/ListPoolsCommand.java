package dev.petrel.cli.control;

import dev.petrel.gateway.control.AddressPoolStatus;
import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.GatewayControl;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code petrel list-pools [--json]}, as {@code swanctl --list-pools --leases}. */
@Command(name = "list-pools", description = "List the virtual IP pools and their leases.")
public final class ListPoolsCommand extends ListingCommand<AddressPoolStatus> {
    @Override
    List<AddressPoolStatus> list(GatewayControl daemon) throws ControlException {
        return daemon.listPools();
    }

    @Override
    void print(List<AddressPoolStatus> pools, PrintWriter out) {
        PoolListing.print(pools, out);
    }
}
