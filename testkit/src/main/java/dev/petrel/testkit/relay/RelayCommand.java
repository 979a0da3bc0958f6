package dev.petrel.testkit.relay;

import dev.petrel.testkit.sim.FaultProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A line on a running relay's standard input. The relay answers each with one line: {@code ok}, the {@link RelayStats}
 * line, or {@code error} and what was wrong.
 */
public sealed interface RelayCommand {

    /** The labels of a profile's values in error messages, in {@link ProfileText}'s order. */
    List<String> PROFILE_LABELS = List.of("loss", "duplication", "reorder", "min delay (ms)", "max delay (ms)");

    /** The line that {@link #parse} reads as this command. */
    String line();

    /**
     * {@code profile [forward|backward] LOSS DUPLICATION REORDER MIN_DELAY_MS MAX_DELAY_MS}: new rates for one direction,
     * or for both when none is named. While the link is cut, the new profile takes effect at {@code heal}.
     */
    record SetProfile(Optional<Direction> direction, FaultProfile profile) implements RelayCommand {
        public SetProfile {
            Objects.requireNonNull(direction, "direction");
            ProfileText.requireExpressible(Objects.requireNonNull(profile, "profile"));
        }

        @Override
        public String line() {
            List<String> words = new ArrayList<>(List.of("profile"));
            direction.ifPresent(d -> words.add(d.word()));
            words.addAll(ProfileText.format(profile));
            return String.join(" ", words);
        }
    }

    /**
     * The commands of one word: {@code cut} (drop everything both ways, also what is already delayed in the relay: a
     * dead peer), {@code heal} (each direction behaves as its profile says again), {@code stats} (answered with the
     * {@link RelayStats} line) and {@code quit} (answered with {@code ok}; then the relay closes its sockets and exits
     * with 0).
     */
    enum Word implements RelayCommand {
        CUT,
        HEAL,
        STATS,
        QUIT;

        @Override
        public String line() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The command on {@code line} (words separated by blanks); fails saying what is wrong with it. */
    static RelayCommand parse(String line) {
        List<String> words = List.of(line.strip().split("\\s+"));
        String verb = words.getFirst();
        if (!verb.equals("profile")) {
            Word command = Arrays.stream(Word.values()).filter(w -> w.line().equals(verb)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown command '" + verb
                            + "' (profile, cut, heal, stats or quit)"));
            if (words.size() > 1) {
                throw new IllegalArgumentException(verb + " takes no arguments, got '" + line.strip() + "'");
            }
            return command;
        }
        boolean directed = words.size() == PROFILE_LABELS.size() + 2;
        if (!directed && words.size() != PROFILE_LABELS.size() + 1) {
            throw new IllegalArgumentException("usage: profile [forward|backward] LOSS DUPLICATION REORDER MIN_DELAY_MS"
                    + " MAX_DELAY_MS, got '" + line.strip() + "'");
        }
        Optional<Direction> direction = directed ? Optional.of(Direction.of(words.get(1))) : Optional.empty();
        return new SetProfile(direction, ProfileText.parse(PROFILE_LABELS, words.subList(words.size() - PROFILE_LABELS.size(), words.size())));
    }
}
