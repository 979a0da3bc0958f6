package dev.petrel.gateway.config.settings;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * A section {@code name { ... }}: its settings and subsections in the order first written. As in strongSwan, a
 * section written twice is one section, extended, and a key written twice keeps its last value. Only the parser
 * adds to a section.
 */
public final class Section {
    private final String name;
    private final String path;
    private final Origin origin;
    private final SequencedMap<String, Setting> settings = new LinkedHashMap<>();
    private final SequencedMap<String, Section> sections = new LinkedHashMap<>();

    private Section(String name, String path, Origin origin) {
        this.name = name;
        this.path = path;
        this.origin = origin;
    }

    static Section root(Origin origin) {
        return new Section("", "", origin);
    }

    public String name() {
        return name;
    }

    /** The dotted path from the root, e.g. {@code connections.home}; empty for the root. */
    public String path() {
        return path;
    }

    /** Where the section was first opened. */
    public Origin origin() {
        return origin;
    }

    public SequencedMap<String, Setting> settings() {
        return Collections.unmodifiableSequencedMap(settings);
    }

    public SequencedMap<String, Section> sections() {
        return Collections.unmodifiableSequencedMap(sections);
    }

    /** The dotted path of a key or subsection of this section. */
    public String pathOf(String child) {
        return path.isEmpty() ? child : path + "." + child;
    }

    /** An error about this section, at the line that opened it. */
    public ConfigException problem(String problem) {
        return new ConfigException(origin, path, problem);
    }

    void put(String key, String value, Origin at) {
        settings.put(key, new Setting(key, pathOf(key), value, at));
    }

    Section subsection(String child, Origin at) {
        return sections.computeIfAbsent(child, c -> new Section(c, pathOf(c), at));
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + " (" + origin + ")";
    }
}
