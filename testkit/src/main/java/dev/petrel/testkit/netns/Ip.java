package dev.petrel.testkit.netns;

import dev.petrel.testkit.exec.Commands;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code ip} command (iproute2), with a bounded wait and its output in the exception when it fails. */
public final class Ip {
    /** How long one {@code ip} call may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Duration READY_POLL = Duration.ofMillis(10);
    private static final int READY_POLLS = 500;

    private Ip() {}

    /** Runs {@code ip ARGS...} and returns its standard output. */
    public static String run(String... args) throws IOException {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("ip");
        command.addAll(List.of(args));
        return Commands.check(TIMEOUT, command);
    }

    /** Runs {@code ip -n NAMESPACE ARGS...}: the command acts inside that network namespace. */
    public static String in(String namespace, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("-n", namespace));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /**
     * Waits until {@code device} in {@code namespace} is operationally up and no address there is tentative. The kernel
     * reports a veth's carrier late (its link watcher is rate-limited), and until then the first datagrams can be lost:
     * a first IPv6 neighbour solicitation, for one, is then retried only after a second.
     */
    public static void awaitUp(String namespace, String device) throws IOException {
        for (int poll = 0; !up(namespace, device); poll++) {
            if (poll >= READY_POLLS) {
                throw new IOException(device + " in " + namespace + " was not up with settled addresses after "
                        + READY_POLL.multipliedBy(READY_POLLS) + ":\n" + in(namespace, "addr"));
            }
            try {
                Thread.sleep(READY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + device + " in " + namespace, e);
            }
        }
    }

    private static boolean up(String namespace, String device) throws IOException {
        String[] link = in(namespace, "-br", "link", "show", "dev", device).strip().split("\\s+");
        return link.length > 1 && link[1].equals("UP") && in(namespace, "-6", "addr", "show", "tentative").isBlank();
    }
}
