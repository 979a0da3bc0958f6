package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One section as a mapper reads it: each key and subsection it asks for is claimed, and {@link #rejectRest()}
 * reports the first one nobody claimed, so that a key Petrel does not know is an error and never ignored.
 */
final class Claims {
    private final Section section;
    private final Set<String> keys = new HashSet<>();
    private final Set<String> sections = new HashSet<>();

    Claims(Section section) {
        this.section = section;
    }

    Optional<Setting> setting(String key) {
        keys.add(key);
        return Optional.ofNullable(section.settings().get(key));
    }

    /** The settings whose keys {@code claimed} accepts, in the order written. */
    List<Setting> settings(Predicate<String> claimed) {
        List<Setting> out = section.settings().values().stream().filter(s -> claimed.test(s.key())).toList();
        out.forEach(s -> keys.add(s.key()));
        return out;
    }

    Optional<Section> section(String name) {
        sections.add(name);
        return Optional.ofNullable(section.sections().get(name));
    }

    /** The subsections whose names {@code claimed} accepts, in the order written. */
    List<Section> sections(Predicate<String> claimed) {
        List<Section> out = section.sections().values().stream().filter(s -> claimed.test(s.name())).toList();
        out.forEach(s -> sections.add(s.name()));
        return out;
    }

    /** {@code mapper} applied to every subsection of {@code section}, which may hold nothing else. */
    static <T> List<T> eachSection(Optional<Section> section, Function<Section, T> mapper) {
        if (section.isEmpty()) {
            return List.of();
        }
        Claims claims = new Claims(section.get());
        List<T> out = claims.sections(name -> true).stream().map(mapper).toList();
        claims.rejectRest();
        return out;
    }

    void rejectRest() {
        for (Setting s : section.settings().values()) {
            if (!keys.contains(s.key())) {
                throw s.problem("unsupported key");
            }
        }
        for (Section s : section.sections().values()) {
            if (!sections.contains(s.name())) {
                throw s.problem("unsupported section");
            }
        }
    }
}
