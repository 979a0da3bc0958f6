package dev.petrel.gateway.config;

import java.nio.file.Path;

/** Where a setting or section was written: a file and a line counted from 1 (0 for the file as a whole). */
public record Origin(Path file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file.toString();
    }
}
