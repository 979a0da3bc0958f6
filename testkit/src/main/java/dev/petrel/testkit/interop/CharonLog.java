package dev.petrel.testkit.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A charon file log ({@code HH:MM:SS TT[GRP] <ike|n> text}, the harness's format): each line's log group and text,
 * and the hex dumps that follow the "LABEL => N bytes @ 0x..." lines charon writes at level 4.
 */
final class CharonLog {
    private static final Pattern MESSAGE = Pattern.compile("^\\S+ \\d+\\[(\\w+)\\] (?:<[^>]*> )?(.*)$");
    private static final Pattern DUMP = Pattern.compile("^\\s+\\d+: ((?:[0-9A-F]{2} ?)+).*$");
    private static final Pattern DUMP_HEADER = Pattern.compile("^(.+) => (\\d+) bytes @ .*$");

    /** One line's log group (IKE, CHD, MGR...) and its text without the IKE_SA prefix. */
    record Message(String group, String text) {}

    private final Path path;
    private final List<String> lines;

    private CharonLog(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
    }

    static CharonLog read(Path log) throws IOException {
        return new CharonLog(log, Files.readAllLines(log));
    }

    Path path() {
        return path;
    }

    int size() {
        return lines.size();
    }

    /** Line {@code i} as a message, or empty when it is not in charon's format. */
    Optional<Message> message(int i) {
        Matcher m = MESSAGE.matcher(lines.get(i));
        return m.matches() ? Optional.of(new Message(m.group(1), m.group(2))) : Optional.empty();
    }

    /**
     * The first dump in {@code group} for each label that {@code labels} matches, keyed by the label, e.g.
     * "Sk_ei secret" from "Sk_ei secret => 20 bytes @ 0x...".
     */
    Map<String, byte[]> firstDumps(String group, Pattern labels) throws IOException {
        Map<String, byte[]> dumps = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<Dump> dump = dump(i, group, labels);
            if (dump.isPresent()) {
                dumps.putIfAbsent(dump.get().label(), dump.get().data());
            }
        }
        return dumps;
    }

    /** A labelled hex dump: the label before " => N bytes" and the octets of the lines that follow. */
    record Dump(String label, byte[] data) {}

    /** The dump whose header is line {@code i}, when that line is in {@code group} and {@code labels} matches its label. */
    Optional<Dump> dump(int i, String group, Pattern labels) throws IOException {
        Optional<Message> m = message(i);
        if (m.isEmpty() || !m.get().group().equals(group)) {
            return Optional.empty();
        }
        Matcher header = DUMP_HEADER.matcher(m.get().text());
        if (!header.matches() || !labels.matcher(header.group(1)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Dump(header.group(1), readDump(i + 1, Integer.parseInt(header.group(2)))));
    }

    private byte[] readDump(int from, int length) throws IOException {
        byte[] out = new byte[length];
        int n = 0;
        for (int i = from; i < lines.size() && n < length; i++) {
            Matcher dump = message(i).map(m -> DUMP.matcher(m.text())).filter(Matcher::matches).orElse(null);
            if (dump == null) {
                break;
            }
            for (String octet : dump.group(1).trim().split(" ")) {
                out[n++] = (byte) Integer.parseInt(octet, 16);
            }
        }
        if (n != length) {
            throw new IOException(path + ": key dump of " + length + " bytes ended after " + n);
        }
        return out;
    }
}
