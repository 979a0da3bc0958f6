package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Setting;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals, strictly: four dotted decimal octets, or IPv6 text (RFC 4291 §2.2) without a zone. Never
 * a host name, and never the short IPv4 forms ({@code 10.1}) that {@link InetAddress#getByName} also takes.
 */
final class IpLiterals {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private IpLiterals() {}

    static Optional<InetAddress> parse(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address and a prefix length, as {@code 10.3.0.0/24} writes them. */
    record Prefix(InetAddress address, int length) {}

    /**
     * {@code text} as {@code ADDRESS/LENGTH}, or one address with its full length; a failure is {@code s}'s problem,
     * the address's with {@code addressHint} after it.
     */
    static Prefix prefix(String text, Setting s, String addressHint) {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = parse(literal).orElseThrow(() -> s.problem("'" + literal + "' is not an IP address" + addressHint));
        int bits = 8 * address.getAddress().length;
        if (slash < 0) {
            return new Prefix(address, bits);
        }
        String length = text.substring(slash + 1);
        if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
            throw s.problem("'" + text + "' has a bad prefix length");
        }
        return new Prefix(address, Integer.parseInt(length));
    }
}
