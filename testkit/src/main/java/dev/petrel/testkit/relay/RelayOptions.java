package dev.petrel.testkit.relay;

import dev.petrel.testkit.sim.FaultProfile;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link FaultRelay} does: listen on {@code listen} at each of {@code ports}, pass what clients send there to
 * {@code target} at the same port and the target's answers back, each direction through its own fault profile, with
 * decisions drawn from generators seeded by {@code seed}, and at most {@code queue} delayed datagrams waiting at once.
 */
public record RelayOptions(InetAddress listen, InetAddress target, List<Integer> ports, FaultProfile forward,
        FaultProfile backward, long seed, int queue) {

    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 1;
    /** How many delayed datagrams may wait when no {@code --queue} is given. */
    public static final int DEFAULT_QUEUE = 1024;
    /** The most delayed datagrams that {@code --queue} may allow: each up to 64 KiB, 256 MiB at most in all. */
    public static final int MAX_QUEUE = 4_096;

    /** The fields of a profile as options, in {@link ProfileText}'s order. */
    private static final List<String> PROFILE_OPTIONS = List.of("loss", "duplication", "reorder", "min-delay", "max-delay");
    private static final List<String> PROFILE_DEFAULTS = ProfileText.format(FaultProfile.NONE);
    private static final List<String> OTHER_OPTIONS = List.of("listen", "target", "ports", "seed", "queue");

    /** The usage line for error messages. */
    static final String USAGE = "usage: FaultRelay --listen ADDR --target ADDR --ports P[,P...] [--loss R] [--duplication R]"
            + " [--reorder R] [--min-delay MS] [--max-delay MS] [--forward-OPTION V] [--backward-OPTION V] [--seed N]"
            + " [--queue N]  (OPTION one of " + String.join(", ", PROFILE_OPTIONS) + ")";

    public RelayOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(target, "target");
        ports = List.copyOf(ports);
        ProfileText.requireExpressible(Objects.requireNonNull(forward, "forward"));
        ProfileText.requireExpressible(Objects.requireNonNull(backward, "backward"));
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("--ports names no port");
        }
        for (int port : ports) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--ports " + port + " is not a port within [1, 65535]");
            }
        }
        if (Set.copyOf(ports).size() != ports.size()) {
            throw new IllegalArgumentException("--ports " + ports + " names a port twice");
        }
        if ((listen instanceof Inet6Address) != (target instanceof Inet6Address)) {
            throw new IllegalArgumentException("--listen " + listen.getHostAddress() + " and --target "
                    + target.getHostAddress() + " are of different address families");
        }
        if (listen.equals(target)) {
            throw new IllegalArgumentException("--target " + target.getHostAddress()
                    + " is the --listen address: the relay would send to itself");
        }
        requireQueue(queue);
    }

    /** A relay that does the same to both directions, with the default seed and queue. */
    public static RelayOptions of(InetAddress listen, InetAddress target, List<Integer> ports, FaultProfile both) {
        return new RelayOptions(listen, target, ports, both, both, DEFAULT_SEED, DEFAULT_QUEUE);
    }

    /** These options with another seed. */
    public RelayOptions withSeed(long seed) {
        return new RelayOptions(listen, target, ports, forward, backward, seed, queue);
    }

    /** These options with another queue bound. */
    public RelayOptions withQueue(int queue) {
        return new RelayOptions(listen, target, ports, forward, backward, seed, queue);
    }

    /** The profile of one direction. */
    public FaultProfile profile(Direction direction) {
        return direction == Direction.FORWARD ? forward : backward;
    }

    /**
     * Parses a command line such as {@code --listen 127.0.0.1 --target 127.0.0.2 --ports 500,4500 --loss 0.1}. A profile
     * option without a direction applies to both; {@code --forward-loss} and the like override it for one. Failures
     * name the option and the value.
     */
    public static RelayOptions parse(List<String> args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (!known(name)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (i + 1 == args.size()) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            if (given.put(name, args.get(i + 1)) != null) {
                throw new IllegalArgumentException(arg + " is given twice");
            }
        }
        return new RelayOptions(address(given, "listen"), address(given, "target"), ports(required(given, "ports")),
                profile(given, Direction.FORWARD), profile(given, Direction.BACKWARD),
                number(given, "seed", DEFAULT_SEED), requireQueue(number(given, "queue", DEFAULT_QUEUE)));
    }

    /** The command line that {@link #parse} turns back into these options. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--listen", listen.getHostAddress(), "--target", target.getHostAddress(),
                "--ports", ports.stream().map(String::valueOf).collect(Collectors.joining(","))));
        for (Direction direction : Direction.values()) {
            List<String> values = ProfileText.format(profile(direction));
            for (int i = 0; i < PROFILE_OPTIONS.size(); i++) {
                args.addAll(List.of("--" + direction.word() + "-" + PROFILE_OPTIONS.get(i), values.get(i)));
            }
        }
        args.addAll(List.of("--seed", Long.toString(seed), "--queue", Integer.toString(queue)));
        return args;
    }

    private static int requireQueue(long queue) {
        if (queue < 1 || queue > MAX_QUEUE) {
            throw new IllegalArgumentException("--queue " + queue + " is not within [1, " + MAX_QUEUE + "]");
        }
        return (int) queue;
    }

    private static boolean known(String name) {
        if (OTHER_OPTIONS.contains(name) || PROFILE_OPTIONS.contains(name)) {
            return true;
        }
        for (Direction d : Direction.values()) {
            String prefix = d.word() + "-";
            if (name.startsWith(prefix) && PROFILE_OPTIONS.contains(name.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    /** One direction's profile: its own option where given, else the option for both, else a perfect link's value. */
    private static FaultProfile profile(Map<String, String> given, Direction direction) {
        List<String> labels = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < PROFILE_OPTIONS.size(); i++) {
            String both = PROFILE_OPTIONS.get(i);
            String own = direction.word() + "-" + both;
            String name = given.containsKey(own) ? own : both;
            labels.add("--" + name);
            values.add(given.getOrDefault(name, PROFILE_DEFAULTS.get(i)));
        }
        return ProfileText.parse(labels, values);
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static InetAddress address(Map<String, String> given, String name) {
        String text = required(given, name);
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " " + text + " is not an IP address literal");
        }
    }

    private static List<Integer> ports(String text) {
        List<Integer> list = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int port;
            try {
                port = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ports " + text + ": '" + part + "' is not a port number");
            }
            list.add(port);
        }
        return list;
    }

    private static long number(Map<String, String> given, String name, long fallback) {
        String text = given.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + text + " is not a whole number");
        }
    }
}
