package dev.petrel.gateway.config.settings;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import java.nio.file.Path;

/**
 * The grammar of strongswan.conf(5), after strongSwan's settings_lexer.l and settings_parser.y, over one file's
 * text:
 * <pre>
 *   statements := (section | setting | include | NEWLINE)*
 *   section    := NAME NEWLINE* '{' statements '}'
 *   setting    := NAME '=' valuepart*            up to '#', '}' or the end of the line
 *   include    := 'include' [ \t]+ PATTERN
 * </pre>
 * A value's parts (bare words and quoted strings) are joined by single spaces. A quoted string may span lines and
 * knows the escapes {@code \n \r \t}, a backslash before a line end joins the lines, and any other escaped
 * character stands for itself. Names may not contain {@code . , : { } = " #} or white space. Error messages quote
 * no text of the file: a stray word might be a secret.
 */
final class SettingsReader {
    private static final int MAX_SECTION_DEPTH = 32;

    private final String text;
    private final Path file;
    private final SettingsParser includes;
    private int pos;
    private int line = 1;

    SettingsReader(String text, Path file, SettingsParser includes) {
        this.text = text;
        this.file = file;
        this.includes = includes;
    }

    /** Reads the text into {@code section}, {@code sectionDepth} sections and {@code includeDepth} includes deep. */
    void read(Section section, int sectionDepth, int includeDepth) {
        statements(section, sectionDepth, includeDepth, 0);
    }

    /** Statements up to the end of the text, or up to the '}' closing a section opened at line {@code openedAt}. */
    private void statements(Section section, int depth, int includeDepth, int openedAt) {
        while (true) {
            skipBlanks();
            if (atEnd()) {
                if (openedAt > 0) {
                    throw error(openedAt, "section " + section.path() + " is not closed with '}'");
                }
                return;
            }
            char c = text.charAt(pos);
            switch (c) {
                case '\n' -> newline();
                case '}' -> {
                    if (openedAt == 0) {
                        throw error(line, "'}' closes no section");
                    }
                    pos++;
                    return;
                }
                case '{', '=' -> throw error(line, "'" + c + "' without a name before it");
                case '"' -> throw error(line, "a quoted string where a name belongs");
                default -> statement(section, depth, includeDepth);
            }
        }
    }

    private void statement(Section section, int depth, int includeDepth) {
        int at = line;
        String name = word();
        if (name.equals("include") && includeFollows()) {
            String pattern = includePattern();
            includes.include(pattern, file, origin(at), section, depth, includeDepth);
            return;
        }
        checkName(name, section, at);
        skipBlanks();
        if (peek('=')) {
            pos++;
            section.put(name, value(), origin(at));
            return;
        }
        while (peek('\n')) {
            newline();
            skipBlanks();
        }
        if (peek(':')) {
            throw error(at, "section references ('name : other') are not supported");
        }
        if (!peek('{')) {
            throw error(at, "a name must be followed by '= value' or by '{'");
        }
        pos++;
        if (depth >= MAX_SECTION_DEPTH) {
            throw error(at, "sections nested more than " + MAX_SECTION_DEPTH + " deep");
        }
        statements(section.subsection(name, origin(at)), depth + 1, includeDepth, at);
    }

    private void checkName(String name, Section section, int at) {
        for (char c : new char[] {'.', ',', ':'}) {
            if (name.indexOf(c) >= 0) {
                throw new ConfigException(origin(at), section.path(), "a name must not contain '" + c + "'");
            }
        }
    }

    /** A bare word: up to white space or one of {@code # { } = "}. */
    private String word() {
        int start = pos;
        while (!atEnd() && "#{}=\" \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** strongSwan's {@code "include"[\t ]+/[^=]}: else {@code include} is an ordinary key. */
    private boolean includeFollows() {
        int p = pos;
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p > pos && (p == text.length() || text.charAt(p) != '=');
    }

    /** The pattern after {@code include}: quoted, or bare with {@code \" \# \} \ } escaped. */
    private String includePattern() {
        skipSpaces();
        if (peek('"')) {
            return quoted();
        }
        StringBuilder out = new StringBuilder();
        while (!atEnd() && "#}\n \t".indexOf(text.charAt(pos)) < 0) {
            char c = text.charAt(pos);
            if (c == '"') {
                return out.append(quoted()).toString();
            }
            if (c == '\\' && pos + 1 < text.length() && "\"#} ".indexOf(text.charAt(pos + 1)) >= 0) {
                out.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (c != '\r') {
                out.append(c);
            }
            pos++;
        }
        return out.toString();
    }

    /** A value: parts up to '#', '}' or the end of the line (which stay for the caller), joined by single spaces. */
    private String value() {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        while (true) {
            skipSpaces();
            if (atEnd() || "#}\n".indexOf(text.charAt(pos)) >= 0) {
                return out.toString();
            }
            if (!first) {
                out.append(' ');
            }
            first = false;
            if (peek('"')) {
                out.append(quoted());
            } else {
                int start = pos;
                while (!atEnd() && "#}\" \t\r\n".indexOf(text.charAt(pos)) < 0) {
                    pos++;
                }
                out.append(text, start, pos);
            }
        }
    }

    /** A quoted string, the opening quote at {@code pos}. */
    private String quoted() {
        int at = line;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error(at, "a quoted string is not closed");
            }
            char c = text.charAt(pos++);
            switch (c) {
                case '"' -> {
                    return out.toString();
                }
                case '\r' -> { }
                case '\n' -> {
                    line++;
                    out.append(c);
                }
                case '\\' -> escape(out, at);
                default -> out.append(c);
            }
        }
    }

    private void escape(StringBuilder out, int at) {
        if (atEnd()) {
            throw error(at, "a quoted string is not closed");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case '\n' -> line++;
            case '\r' -> {
                if (peek('\n')) {
                    pos++;
                    line++;
                } else {
                    out.append(c);
                }
            }
            default -> out.append(c);
        }
    }

    /** Spaces, tabs, carriage returns and a comment up to (not including) the end of the line. */
    private void skipBlanks() {
        skipSpaces();
        if (peek('#')) {
            while (!atEnd() && text.charAt(pos) != '\n') {
                pos++;
            }
        }
    }

    private void skipSpaces() {
        while (!atEnd() && " \t\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void newline() {
        pos++;
        line++;
    }

    private boolean peek(char c) {
        return !atEnd() && text.charAt(pos) == c;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private Origin origin(int at) {
        return new Origin(file, at);
    }

    private ConfigException error(int at, String problem) {
        return new ConfigException(origin(at), "", problem);
    }
}
