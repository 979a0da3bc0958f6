package dev.petrel.testkit.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A relay's counters: each direction's, and {@code unrouted}, the target's datagrams that arrived at a port before any
 * client had sent there (nobody to pass them to; dropped). As a line:
 * {@code stats forward received=N forwarded=N ... failed=N backward received=N ... failed=N unrouted=N}.
 */
public record RelayStats(TrafficStats forward, TrafficStats backward, long unrouted) {
    private static final String UNROUTED = "unrouted";

    public RelayStats {
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(backward, "backward");
    }

    /** One direction's counters. */
    public TrafficStats of(Direction direction) {
        return direction == Direction.FORWARD ? forward : backward;
    }

    /** The line the relay prints for {@code stats}. */
    public String line() {
        StringBuilder line = new StringBuilder("stats");
        for (Direction direction : Direction.values()) {
            line.append(' ').append(direction.word());
            List<Long> values = of(direction).values();
            for (int i = 0; i < values.size(); i++) {
                line.append(' ').append(TrafficStats.NAMES.get(i)).append('=').append(values.get(i));
            }
        }
        return line.append(' ').append(UNROUTED).append('=').append(unrouted).toString();
    }

    /** The counters from a line made by {@link #line()}; fails naming the first word that does not fit. */
    public static RelayStats parse(String line) {
        List<String> words = List.of(line.strip().split(" "));
        int expected = 2 + Direction.values().length * (1 + TrafficStats.NAMES.size());
        if (words.size() != expected || !words.getFirst().equals("stats")) {
            throw new IllegalArgumentException("not a stats line of " + expected + " words: '" + line + "'");
        }
        List<TrafficStats> directions = new ArrayList<>();
        int at = 1;
        for (Direction direction : Direction.values()) {
            expectWord(words.get(at++), direction.word(), line);
            List<Long> values = new ArrayList<>();
            for (String name : TrafficStats.NAMES) {
                values.add(counter(words.get(at++), name, line));
            }
            directions.add(TrafficStats.of(values));
        }
        return new RelayStats(directions.get(0), directions.get(1), counter(words.get(at), UNROUTED, line));
    }

    private static long counter(String word, String name, String line) {
        expectWord(word.substring(0, Math.max(0, word.indexOf('='))), name, line);
        try {
            return Long.parseLong(word.substring(name.length() + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + word + "' is not " + name + "=N in '" + line + "'");
        }
    }

    private static void expectWord(String word, String expected, String line) {
        if (!word.equals(expected)) {
            throw new IllegalArgumentException("expected '" + expected + "' but found '" + word + "' in '" + line + "'");
        }
    }
}
