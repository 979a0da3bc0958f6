package dev.petrel.ike.eap.mschapv2;

import dev.petrel.ike.eap.Identities;
import java.util.HashMap;
import java.util.Map;

/**
 * The text of a Success or Failure request (RFC 2759 §5, §6): {@code S=<authenticator response> M=<message>} or
 * {@code E=<error> R=<retry> C=<challenge> V=<version> M=<message>}. The message runs to the end; the text ends at a
 * NUL, which strongSwan appends.
 */
final class MsChapV2Text {
    private static final int SHOWN = 200;

    private MsChapV2Text() {}

    /** The fields by their letter; {@code M} holds the rest of the text, made printable. */
    static Map<String, String> fields(byte[] text) {
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        String s = Identities.printable(text, end, text.length * 4);
        Map<String, String> fields = new HashMap<>();
        int message = s.indexOf("M=");
        if (message >= 0) {
            fields.put("M", s.substring(message + 2, Math.min(s.length(), message + 2 + SHOWN)));
            s = s.substring(0, message);
        }
        for (String token : s.trim().split(" +")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return fields;
    }

    /** RFC 2759 §6's error codes by name. */
    static String error(String code) {
        return switch (code) {
            case "646" -> "646, restricted logon hours";
            case "647" -> "647, account disabled";
            case "648" -> "648, password expired";
            case "649" -> "649, no dial-in permission";
            case "691" -> "691, authentication failure";
            case "709" -> "709, error changing password";
            default -> code;
        };
    }
}
