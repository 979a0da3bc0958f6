package dev.petrel.cli;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.control.ControlServer;
import dev.petrel.gateway.daemon.Daemon;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code petrel daemon}: runs the gateway until SIGTERM or SIGINT, which delete the IKE SAs (the peers are told) and
 * exit; SIGHUP reloads the configuration, as {@code petrel reload} does. A thread that dies of an uncaught error ends
 * the process with status {@value #DIED}.
 */
@Command(name = "daemon", description = "Run the IPsec gateway.")
final class DaemonCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "swanctl.conf to load")
    Path config;

    @Option(names = "--socket", description = "control socket, default ${DEFAULT-VALUE}", defaultValue = ControlServer.DEFAULT_SOCKET)
    Path socket;

    @Option(names = "--tun", description = "TUN device name or template, default ${DEFAULT-VALUE}", defaultValue = "petrel%d")
    String tun;

    @Option(names = "--authorize", paramLabel = "CMD", description = "command that admits or refuses each "
            + "authenticated peer (exit 0 admits; the peer is in PETREL_* environment variables)")
    Path authorize;

    /** The exit status when a thread of the daemon dies of an uncaught error (sysexits' EX_SOFTWARE). */
    static final int DIED = 70;

    @Override
    public Integer call() throws Exception {
        // A dead IKE loop or data plane worker would leave a daemon that answers nothing: exit, so that a supervisor
        // (systemd's Restart=) starts a fresh one. The threads catch what input can cause; this is for the rest.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("petrel daemon: thread " + thread.getName() + " died: " + e);
            e.printStackTrace();
            Runtime.getRuntime().halt(DIED);
        });
        Daemon daemon;
        try {
            daemon = Daemon.start(config, socket, tun, authorize);
        } catch (ConfigException e) {
            System.err.println("petrel daemon: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("HUP"), s -> Thread.ofVirtual().start(() -> {
            try {
                daemon.reload().lines().forEach(line -> System.err.println("petrel daemon: " + line));
            } catch (Exception e) {
                System.err.println("petrel daemon: reload: " + e.getMessage());
            }
        }));
        System.out.println("petrel daemon: running, TUN " + daemon.tunName() + ", control socket " + socket);
        stop.await();
        daemon.close();
        return 0;
    }
}
