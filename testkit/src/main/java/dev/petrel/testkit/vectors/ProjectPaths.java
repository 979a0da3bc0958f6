package dev.petrel.testkit.vectors;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project root and the read-only {@code ../shared} folder beside it. */
public final class ProjectPaths {
    private ProjectPaths() {}

    /** The repository root: the {@code petrel.root} system property (set by the build), else the nearest parent with a pom and a bin/ folder. */
    public static Path root() {
        String prop = System.getProperty("petrel.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("bin")) && Files.isRegularFile(q.resolve("pom.xml"))) {
                return q;
            }
        }
        throw new IllegalStateException("cannot find the Petrel project root above " + p);
    }

    /** {@code ../shared} beside the project root. */
    public static Path shared() {
        Path shared = root().resolveSibling("shared");
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("../shared is missing beside " + root() + ": tests need its vectors");
        }
        return shared;
    }
}
