package dev.petrel.cli.control;

import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.ControlJson;
import dev.petrel.gateway.control.GatewayControl;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** A command that lists what the daemon has, as swanctl's text or, with {@code --json}, as JSON. */
abstract class ListingCommand<T> extends ControlCommand {
    @Option(names = "--json", description = "Print the listing as JSON: the daemon's records, field by field.")
    boolean json;

    @Override
    final boolean run(GatewayControl daemon, PrintWriter out) throws ControlException {
        List<T> items = list(daemon);
        if (json) {
            out.println(ControlJson.pretty(items));
        } else {
            print(items, out);
        }
        return true;
    }

    abstract List<T> list(GatewayControl daemon) throws ControlException;

    abstract void print(List<T> items, PrintWriter out);
}
