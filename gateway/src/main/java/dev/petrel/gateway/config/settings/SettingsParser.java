package dev.petrel.gateway.config.settings;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a settings file and the files it includes into one tree. {@code include PATTERN} reads the files
 * matching the pattern, relative to the including file's folder, in name order, into the section the statement
 * stands in (strongSwan's parser_helper). A pattern without wildcards must name a file that exists; one with
 * wildcards (in its last element only) may match none, as glob(3) lets it. Bounds: files of 1 MiB, includes 16
 * deep, 1000 files in all.
 */
public final class SettingsParser {
    private static final int MAX_FILE_SIZE = 1 << 20;
    private static final int MAX_INCLUDE_DEPTH = 16;
    private static final int MAX_FILES = 1000;

    private int files;

    private SettingsParser() {}

    /** Reads {@code file} and what it includes. */
    public static Section parse(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Origin whole = new Origin(absolute, 0);
        Section root = Section.root(whole);
        new SettingsParser().read(absolute, whole, root, 0, 0);
        return root;
    }

    /** Reads {@code text} as if it were the file {@code file}; includes are relative to that file's folder. */
    public static Section parse(String text, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Section root = Section.root(new Origin(absolute, 0));
        new SettingsReader(text, absolute, new SettingsParser()).read(root, 0, 0);
        return root;
    }

    /**
     * Reads the files matching {@code pattern}, written at {@code at} in {@code from}, into {@code section}, which
     * is {@code sectionDepth} sections deep, {@code depth} includes deep.
     */
    void include(String pattern, Path from, Origin at, Section section, int sectionDepth, int depth) {
        if (pattern.isEmpty()) {
            throw new ConfigException(at, "include", "no file pattern");
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw new ConfigException(at, "include",
                    "includes nested more than " + MAX_INCLUDE_DEPTH + " deep (a loop?)");
        }
        for (Path file : matches(pattern, from.getParent(), at)) {
            read(file, at, section, sectionDepth, depth + 1);
        }
    }

    private static List<Path> matches(String pattern, Path folder, Origin at) {
        int slash = pattern.lastIndexOf('/');
        if (hasWildcard(pattern.substring(0, slash + 1))) {
            throw new ConfigException(at, "include",
                    "'" + pattern + "': wildcards are supported in the file name only");
        }
        String name = pattern.substring(slash + 1);
        Path path;
        try {
            path = folder.resolve(pattern).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(at, "include", "'" + pattern + "' is not a path");
        }
        if (!hasWildcard(name)) {
            return List.of(path);
        }
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        // glob(3) matches neither folders here (they are not settings files) nor dot files unless asked to
        boolean dotFiles = name.startsWith(".");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(parent, name)) {
            for (Path p : listing) {
                if (Files.isRegularFile(p) && (dotFiles || !p.getFileName().toString().startsWith("."))) {
                    found.add(p);
                }
            }
        } catch (PatternSyntaxException e) {
            throw new ConfigException(at, "include", "'" + pattern + "' is not a valid wildcard pattern");
        } catch (IOException e) {
            throw new ConfigException(at, "include", "cannot list " + parent + ": " + e.getMessage());
        }
        found.sort(null);
        return found;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private void read(Path file, Origin at, Section section, int sectionDepth, int depth) {
        if (++files > MAX_FILES) {
            throw new ConfigException(at, "include", "more than " + MAX_FILES + " files");
        }
        new SettingsReader(text(file, at), file, this).read(section, sectionDepth, depth);
    }

    /** The file's text: UTF-8, at most {@link #MAX_FILE_SIZE} octets, read without trusting its reported size. */
    private static String text(Path file, Origin at) {
        String key = at.line() == 0 ? "" : "include";
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(at, key,
                    Files.exists(file) ? file + " is not a regular file" : "no file " + file);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_SIZE + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(at, key, "no file " + file);
        } catch (IOException e) {
            throw new ConfigException(at, key, "cannot read " + file + ": " + e);
        }
        if (bytes.length > MAX_FILE_SIZE) {
            throw new ConfigException(at, key, file + " is larger than " + MAX_FILE_SIZE + " octets");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(at, key, file + " is not UTF-8 text");
        }
    }
}
