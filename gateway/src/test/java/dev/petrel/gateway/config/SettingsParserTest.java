package dev.petrel.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.SettingsParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** strongswan.conf(5) syntax: sections, values, strings, comments, includes, and errors that name file and line. */
class SettingsParserTest {
    private static final Path FILE = Path.of("/etc/petrel/swanctl.conf");

    @TempDir
    Path dir;

    private static Section parse(String text) {
        return SettingsParser.parse(text, FILE);
    }

    private static String value(Section root, String dotted) {
        String[] parts = dotted.split("\\.");
        Section s = root;
        for (int i = 0; i < parts.length - 1; i++) {
            s = s.sections().get(parts[i]);
        }
        return s.settings().get(parts[parts.length - 1]).value();
    }

    @Test
    void sectionsSettingsAndOrigins() {
        Section root = parse("""
                # a comment
                a = b
                one {
                    x = 1   # trailing comment
                    two
                    {
                        y = z
                    }
                }
                """);
        assertEquals("b", value(root, "a"));
        assertEquals("1", value(root, "one.x"));
        assertEquals("z", value(root, "one.two.y"));
        Section two = root.sections().get("one").sections().get("two");
        assertEquals("one.two", two.path());
        assertEquals(new Origin(FILE, 5), two.origin());
        assertEquals(new Origin(FILE, 7), two.settings().get("y").origin());
        assertEquals("one.two.y", two.settings().get("y").path());
    }

    @Test
    void valuesRunToTheEndOfTheLineWithPartsJoinedBySingleSpaces() {
        Section root = parse("""
                id = C=CH,   O=strongSwan,\tCN=moon   # DN without quotes
                q = "  two  spaces  " and "more"
                empty =
                braces = a{b=c
                s { v = closes here }
                """);
        assertEquals("C=CH, O=strongSwan, CN=moon", value(root, "id"));
        assertEquals("  two  spaces   and more", value(root, "q"));
        assertEquals("", value(root, "empty"));
        assertEquals("a{b=c", value(root, "braces"));
        assertEquals("closes here", value(root, "s.v"));
    }

    @Test
    void quotedStringsKnowEscapesAndSpanLines() {
        Section root = parse("a = \"tab\\there\\nnew \\\"q\\\" \\# \\\\ joined \\\nline\"\nb = \"two\nlines\"\nc = after\n");
        assertEquals("tab\there\nnew \"q\" # \\ joined line", value(root, "a"));
        assertEquals("two\nlines", value(root, "b"));
        assertEquals(5, root.settings().get("c").origin().line());
    }

    @Test
    void theLastValueWinsAndSectionsWrittenTwiceAreOne() {
        Section root = parse("""
                a = 1
                s { x = 1 }
                a = 2
                s { y = 2 }
                s { x = 3 }
                """);
        assertEquals("2", value(root, "a"));
        assertEquals(new Origin(FILE, 3), root.settings().get("a").origin());
        assertEquals("3", value(root, "s.x"));
        assertEquals("2", value(root, "s.y"));
        assertEquals(new Origin(FILE, 2), root.sections().get("s").origin());
        assertEquals(List.of("x", "y"), List.copyOf(root.sections().get("s").settings().keySet()));
    }

    @Test
    void includeIsAKeyWhenAnEqualsSignFollows() {
        assertEquals("x", value(parse("include = x\n"), "include"));
    }

    @Test
    void includesReadGlobMatchesInNameOrderIntoTheirSection() throws IOException {
        Path top = write("swanctl.conf", """
                connections {
                    include conf.d/*.conf
                }
                include "secrets.d/a file.conf"
                """);
        write("conf.d/b.conf", "b { version = 2 }\n");
        write("conf.d/a.conf", "# first\na { version = 2 }\n");
        write("conf.d/.hidden.conf", "hidden { }\n");
        write("conf.d/ignored.txt", "ignored { }\n");
        Files.createDirectory(dir.resolve("conf.d/folder.conf"));
        write("secrets.d/a file.conf", "secrets { }\n");
        Section root = SettingsParser.parse(top);
        Section connections = root.sections().get("connections");
        assertEquals(List.of("a", "b"), List.copyOf(connections.sections().keySet()));
        assertEquals(new Origin(dir.resolve("conf.d/a.conf"), 2), connections.sections().get("a").origin());
        assertEquals("connections.a", connections.sections().get("a").path());
        assertTrue(root.sections().containsKey("secrets"));
    }

    @Test
    void aGlobMayMatchNothingButANamedFileMustExist() throws IOException {
        Path top = write("swanctl.conf", "include conf.d/*.conf\ninclude missing.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsParser.parse(top));
        assertEquals(new Origin(top, 2), e.origin());
        assertEquals(top + ":2: include: no file " + dir.resolve("missing.conf"), e.getMessage());
    }

    @Test
    void errorsInsideAnIncludedFileNameThatFile() throws IOException {
        Path top = write("swanctl.conf", "connections {\n  include more.conf\n}\n");
        Path more = write("more.conf", "ok = 1\n}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsParser.parse(top));
        assertEquals(more + ":2: '}' closes no section", e.getMessage());
    }

    @Test
    void anIncludeLoopIsCutOff() throws IOException {
        Path top = write("loop.conf", "include loop.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsParser.parse(top));
        assertTrue(e.getMessage().endsWith("include: includes nested more than 16 deep (a loop?)"), e.getMessage());
    }

    @Test
    void aMissingTopFileIsReportedWithoutALine() {
        Path missing = dir.resolve("none.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsParser.parse(missing));
        assertEquals(missing + ": no file " + missing, e.getMessage());
    }

    @Test
    void onlyRegularUtf8FilesAreRead() throws IOException {
        Files.createDirectory(dir.resolve("conf.d"));
        Path folder = write("folder.conf", "include conf.d\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsParser.parse(folder));
        assertEquals(folder + ":1: include: " + dir.resolve("conf.d") + " is not a regular file", e.getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.conf"), new byte[] {'a', ' ', '=', ' ', (byte) 0xe9, '\n'});
        e = assertThrows(ConfigException.class, () -> SettingsParser.parse(latin1));
        assertEquals(latin1 + ": " + latin1 + " is not UTF-8 text", e.getMessage());
    }

    @Test
    void wildcardsOnlyInTheFileName() throws IOException {
        Path top = write("swanctl.conf", "include */x.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsParser.parse(top));
        assertEquals("'*/x.conf': wildcards are supported in the file name only", e.problem());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a {\\nb = 1\\n                        | 1 | section a is not closed with '}'",
        "}                                     | 1 | '}' closes no section",
        "\\n= x                                | 2 | '=' without a name before it",
        "{ }                                   | 1 | '{' without a name before it",
        "\"q\" = 1                             | 1 | a quoted string where a name belongs",
        "a\\nb = 1                             | 1 | a name must be followed by '= value' or by '{'",
        "conn : base {\\n}                     | 1 | section references ('name : other') are not supported",
        "a.b = 1                               | 1 | a name must not contain '.'",
        "x = 1\\ny = \"open\\n\\n              | 2 | a quoted string is not closed",
        "include\\t\\n                         | 1 | include: no file pattern",
    })
    void syntaxErrorsNameFileAndLine(String text, int line, String problem) {
        String unescaped = text.strip().replace("\\n", "\n").replace("\\t", "\t");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(unescaped));
        assertEquals(new Origin(FILE, line), e.origin());
        assertEquals(FILE + ":" + line + ": " + problem, e.getMessage());
    }

    @Test
    void deepNestingIsBounded() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("a {".repeat(100)));
        assertTrue(e.getMessage().contains("sections nested more than 32 deep"), e.getMessage());
    }

    @Test
    void aSettingNeverShowsItsValue() {
        var secret = parse("secret = hunter2\n").settings().get("secret");
        assertEquals("secret (" + FILE + ":1)", secret.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }
}
