package dev.petrel.cli;

import dev.petrel.cli.demo.DataPlaneDemo;
import dev.petrel.cli.demo.NetnsDemo;
import dev.petrel.cli.demo.TunnelDemo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petrel demo}: a tunnel between two gateways in this JVM, without root, TUN or a peer; with {@code --netns},
 * two real daemons in network namespaces of their own (root).
 */
@Command(name = "demo",
        description = "Bring up an IKEv2 tunnel between two gateways on loopback and send traffic through it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--esp", description = "ESP proposal (strongSwan keywords), default ${DEFAULT-VALUE}", defaultValue = "aes128gcm16")
    String esp;

    @Option(names = "--count", description = "probes to send, default ${DEFAULT-VALUE}", defaultValue = "2000")
    int count;

    @Option(names = "--size", description = "octets of UDP payload per probe, default ${DEFAULT-VALUE}", defaultValue = "1000")
    int size;

    @Option(names = "--data-plane", description = "instead, run ESP and AH SAs built from fixed keys through replay and tampering")
    boolean dataPlane;

    @Option(names = "--netns", description = "instead, as root: two petrel daemons in two network namespaces of their own,"
            + " a tunnel between them, ping through it, list the SAs, then remove it all")
    boolean netns;

    @Override
    public Integer call() throws Exception {
        if (netns) {
            var unavailable = NetnsDemo.unavailableReason();
            if (unavailable.isPresent()) {
                System.err.println(unavailable.get());
                return 1;
            }
            return new NetnsDemo(System.out, esp).run() ? 0 : 1;
        }
        if (dataPlane) {
            return new DataPlaneDemo(System.out).run() ? 0 : 1;
        }
        return new TunnelDemo(System.out, esp, count, size).run() ? 0 : 1;
    }
}
