package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed values in swanctl.conf(5)'s formats, each failing with the setting's file, line and key. */
final class Values {
    private static final Map<String, Boolean> BOOLEANS = Map.of("yes", true, "true", true, "enabled", true, "1", true,
            "no", false, "false", false, "disabled", false, "0", false);
    private static final Pattern TIME = Pattern.compile("(0x[0-9a-fA-F]+|[0-9]+) *([smhdSMHD]?)");
    private static final Pattern BYTES = Pattern.compile("(0x[0-9a-fA-F]+|[0-9]+) *([kmgKMG]?)");

    private Values() {}

    /** yes, true, enabled, 1 or no, false, disabled, 0 (strongSwan's parse_bool). */
    static boolean bool(Setting s) {
        Boolean b = BOOLEANS.get(s.value().toLowerCase(Locale.ROOT));
        if (b == null) {
            throw s.problem("'" + s.value() + "' is not yes or no");
        }
        return b;
    }

    /** A decimal or {@code 0x} hexadecimal integer from {@code min} to {@code max}. */
    static int integer(Setting s, int min, int max) {
        long n = number(s, s.value());
        if (n < min || n > max) {
            throw s.problem(s.value() + " is not " + min + " to " + max);
        }
        return (int) n;
    }

    /** A time in seconds, or with an {@code s}, {@code m}, {@code h} or {@code d} suffix (strongSwan's parse_time). */
    static Duration time(Setting s) {
        Matcher m = TIME.matcher(s.value());
        if (!m.matches()) {
            throw s.problem("'" + s.value() + "' is not a time such as 30s, 10m, 4h or 1d");
        }
        long n = number(s, m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
        if (n > Integer.MAX_VALUE / unit) {
            throw s.problem(s.value() + " is too long a time");
        }
        return Duration.ofSeconds(n * unit);
    }

    /** A number of octets, with a {@code k}, {@code m} or {@code g} suffix for 1024, 1024², 1024³ (strongSwan's parse_bytes). */
    static long bytes(Setting s) {
        Matcher m = BYTES.matcher(s.value());
        if (!m.matches()) {
            throw s.problem("'" + s.value() + "' is not a number of bytes such as 500000, 512k, 100m or 2g");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long n = number(s, m.group(1));
        if (n > Long.MAX_VALUE >> shift) {
            throw s.problem(s.value() + " is too many bytes");
        }
        return n << shift;
    }

    /** A count, such as of packets: a decimal or {@code 0x} hexadecimal integer, 0 or more. */
    static long count(Setting s) {
        return number(s, s.value());
    }

    /** One of {@code type}'s constants, written in lower case ({@code ifasked} for IFASKED). */
    static <E extends Enum<E>> E keyword(Setting s, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(s.value().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw s.problem("'" + s.value() + "' is not one of " + String.join(", ", java.util.Arrays.stream(
                type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }

    /** A comma-separated list, each item stripped; swanctl's list keys. */
    static List<String> list(Setting s) {
        List<String> out = new ArrayList<>();
        for (String item : s.value().split(",", -1)) {
            if (item.isBlank()) {
                throw s.problem("an empty item in the list '" + s.value() + "'");
            }
            out.add(item.strip());
        }
        return out;
    }

    /**
     * strongSwan reads numbers with strtoul(3) base 0, where a leading 0 means octal: refused rather than read
     * otherwise than strongSwan would.
     */
    private static long number(Setting s, String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseLong(text.substring(2), 16);
            }
            if (text.length() > 1 && text.startsWith("0")) {
                throw s.problem("'" + text + "': a leading 0 makes it octal to strongSwan; write it without");
            }
            if (!text.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException(text);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw s.problem("'" + text + "' is not a number");
        }
    }
}
