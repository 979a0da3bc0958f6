package dev.petrel.cli;

import dev.petrel.cli.demo.DataPlaneDemo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code petrel demo}: shows the data plane at work without root, sockets or a peer. */
@Command(name = "demo", description = "Run SAs built from fixed keys: ESP and AH in both modes, replay and tampering rejected.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return new DataPlaneDemo(System.out).run() ? 0 : 1;
    }
}
