package dev.petrel.testkit.interop;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders dotted settings such as {@code charon.cookie_threshold = 5} as nested strongswan.conf sections, values in
 * double quotes, sorted so that each section is written once.
 */
final class StrongSwanSettings {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Comparator<List<String>> BY_SEGMENTS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private StrongSwanSettings() {}

    static String render(Map<String, String> settings) {
        List<List<String>> keys = settings.keySet().stream().map(StrongSwanSettings::segments).sorted(BY_SEGMENTS).toList();
        StringBuilder out = new StringBuilder();
        List<String> open = List.of();
        for (List<String> key : keys) {
            List<String> section = key.subList(0, key.size() - 1);
            int common = 0;
            while (common < Math.min(open.size(), section.size()) && open.get(common).equals(section.get(common))) {
                common++;
            }
            close(open.size(), common, out);
            for (int depth = common; depth < section.size(); depth++) {
                out.append("  ".repeat(depth)).append(section.get(depth)).append(" {\n");
            }
            out.append("  ".repeat(section.size())).append(key.getLast()).append(" = ")
                    .append(quote(settings.get(String.join(".", key)))).append('\n');
            open = section;
        }
        close(open.size(), 0, out);
        return out.toString();
    }

    private static void close(int from, int to, StringBuilder out) {
        for (int depth = from; depth > to; depth--) {
            out.append("  ".repeat(depth - 1)).append("}\n");
        }
    }

    private static List<String> segments(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a strongswan.conf key: " + key);
        }
        return Arrays.asList(key.split("\\."));
    }

    private static String quote(String value) {
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("a strongswan.conf value cannot hold a line break");
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
