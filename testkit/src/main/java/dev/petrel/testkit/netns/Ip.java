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
}
