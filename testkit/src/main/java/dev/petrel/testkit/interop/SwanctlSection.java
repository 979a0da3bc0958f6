package dev.petrel.testkit.interop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One section of swanctl's {@code --pretty} output (a VICI message printed one item a line): its scalar values, its
 * lists and its subsections, in order.
 */
record SwanctlSection(String name, Map<String, String> values, Map<String, List<String>> lists, List<SwanctlSection> sections) {
    private static final Pattern LIST = Pattern.compile("^(\\S+) = \\[$");
    private static final Pattern VALUE = Pattern.compile("^(\\S+) = (.*)$");
    private static final Pattern OPEN = Pattern.compile("^(.+) \\{$");

    SwanctlSection {
        values = Map.copyOf(values);
        lists = Map.copyOf(lists);
        sections = List.copyOf(sections);
    }

    /** The top-level sections of {@code output}, e.g. one {@code list-sa event} per IKE_SA and a final reply. */
    static List<SwanctlSection> parse(String output) {
        Deque<Builder> open = new ArrayDeque<>();
        Builder root = new Builder("");
        open.push(root);
        String listKey = null;
        List<String> list = null;
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            Matcher m;
            if (line.isEmpty()) {
                continue;
            } else if (list != null) {
                if (line.equals("]")) {
                    open.peek().lists.put(listKey, list);
                    list = null;
                } else {
                    list.add(line);
                }
            } else if ((m = LIST.matcher(line)).matches()) {
                listKey = m.group(1);
                list = new ArrayList<>();
            } else if ((m = VALUE.matcher(line)).matches()) {
                open.peek().values.put(m.group(1), m.group(2));
            } else if ((m = OPEN.matcher(line)).matches()) {
                open.push(new Builder(m.group(1)));
            } else if (line.equals("}") && open.size() > 1) {
                SwanctlSection done = open.pop().build();
                open.peek().sections.add(done);
            } else {
                throw new IllegalArgumentException("unexpected line in swanctl output: " + line + "\n" + output);
            }
        }
        if (open.size() != 1 || list != null) {
            throw new IllegalArgumentException("swanctl output ends inside a section:\n" + output);
        }
        return root.build().sections();
    }

    /** A scalar value, or the empty string when absent. */
    String value(String key) {
        return values.getOrDefault(key, "");
    }

    private static final class Builder {
        final String name;
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, List<String>> lists = new LinkedHashMap<>();
        final List<SwanctlSection> sections = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        SwanctlSection build() {
            return new SwanctlSection(name, values, lists, sections);
        }
    }
}
