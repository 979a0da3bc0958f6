package dev.petrel.ike.identity;

import dev.petrel.wire.ike.IdType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * An IKE identity (RFC 7296 §3.5): an ID type and its data. {@link #parse} reads strongSwan's notation, so that
 * {@code id} values of a swanctl.conf carry over: an IP literal, {@code user@example.com} (RFC822), {@code
 * host.example.com} or {@code @host} (FQDN), {@code @#0a1b} or {@code keyid:0a1b} (KEY_ID), {@code C=CH, O=Org,
 * CN=host} (DER_ASN1_DN), or an explicit {@code fqdn:}, {@code email:}, {@code ipv4:}, {@code ipv6:},
 * {@code asn1dn:} prefix.
 */
public record Identity(IdType type, byte[] data) {
    public Identity {
        Objects.requireNonNull(type, "type");
        data = data.clone();
        if (data.length == 0) {
            throw new IllegalArgumentException("an identity has data");
        }
        if ((type == IdType.ID_IPV4_ADDR && data.length != 4) || (type == IdType.ID_IPV6_ADDR && data.length != 16)) {
            throw new IllegalArgumentException(type + " takes " + (type == IdType.ID_IPV4_ADDR ? 4 : 16) + " octets");
        }
    }

    public static Identity parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        if (colon > 0) {
            String prefix = s.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = s.substring(colon + 1);
            switch (prefix) {
                case "fqdn" -> { return new Identity(IdType.ID_FQDN, ascii(rest)); }
                case "email", "rfc822" -> { return new Identity(IdType.ID_RFC822_ADDR, ascii(rest)); }
                case "keyid" -> { return new Identity(IdType.ID_KEY_ID, hex(rest)); }
                case "ipv4" -> { return new Identity(IdType.ID_IPV4_ADDR, address(rest, 4)); }
                case "ipv6" -> { return new Identity(IdType.ID_IPV6_ADDR, address(rest, 16)); }
                case "asn1dn" -> { return dn(rest); }
                default -> { }
            }
        }
        if (s.startsWith("@#")) {
            return new Identity(IdType.ID_KEY_ID, hex(s.substring(2)));
        }
        if (s.startsWith("@")) {
            return new Identity(IdType.ID_FQDN, ascii(s.substring(1)));
        }
        if (s.matches("[0-9.]+") && s.chars().filter(c -> c == '.').count() == 3) {
            return new Identity(IdType.ID_IPV4_ADDR, address(s, 4));
        }
        if (s.matches("[0-9a-fA-F:.]+") && s.contains(":")) {
            return new Identity(IdType.ID_IPV6_ADDR, address(s, 16));
        }
        if (s.contains("=")) {
            return dn(s);
        }
        if (s.contains("@")) {
            return new Identity(IdType.ID_RFC822_ADDR, ascii(s));
        }
        return new Identity(IdType.ID_FQDN, ascii(s));
    }

    /** The identity an address gives when no {@code id} is configured (strongSwan's default). */
    public static Identity of(InetAddress address) {
        byte[] a = address.getAddress();
        return new Identity(a.length == 4 ? IdType.ID_IPV4_ADDR : IdType.ID_IPV6_ADDR, a);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Equal type and data; distinguished names compare in canonical form (RFC 4514 / X500Principal). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Identity other) || other.type != type) {
            return false;
        }
        if (type == IdType.ID_DER_ASN1_DN) {
            try {
                return new X500Principal(data).equals(new X500Principal(other.data));
            } catch (IllegalArgumentException e) {
                return Arrays.equals(data, other.data);
            }
        }
        return Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return type == IdType.ID_DER_ASN1_DN ? type.hashCode() : 31 * type.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return switch (type) {
            case ID_IPV4_ADDR, ID_IPV6_ADDR -> addressText();
            case ID_FQDN, ID_RFC822_ADDR -> printable(new String(data, StandardCharsets.US_ASCII));
            case ID_DER_ASN1_DN -> dnText();
            default -> type.name() + ":" + HexFormat.of().formatHex(data);
        };
    }

    private String addressText() {
        try {
            return InetAddress.getByAddress(data).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** strongSwan's order, the DER order: most significant RDN first ({@code C=CH, O=Org, CN=host}). */
    private String dnText() {
        try {
            return rdnsReversed(new X500Principal(data).getName(X500Principal.RFC2253), ", ");
        } catch (IllegalArgumentException | InvalidNameException e) {
            return "ID_DER_ASN1_DN:" + HexFormat.of().formatHex(data);
        }
    }

    /** The RDNs of a distinguished name in the other order: strongSwan writes DNs in DER order, RFC 4514 reversed. */
    private static String rdnsReversed(String dn, String separator) throws InvalidNameException {
        return new LdapName(dn).getRdns().stream().map(Rdn::toString).collect(Collectors.joining(separator));
    }

    /** Peer-supplied text goes to logs: control characters are escaped. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static byte[] ascii(String s) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException("identity '" + s + "' is not ASCII");
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String s) {
        try {
            return HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key id '" + s + "' is not hexadecimal", e);
        }
    }

    private static byte[] address(String s, int length) {
        try {
            byte[] a = InetAddress.getByName(s).getAddress();
            if (a.length != length || !s.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv" + (length == 4 ? 4 : 6) + " address");
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address", e);
        }
    }

    private static Identity dn(String s) {
        try {
            return new Identity(IdType.ID_DER_ASN1_DN, new X500Principal(rdnsReversed(s, ",")).getEncoded());
        } catch (IllegalArgumentException | InvalidNameException e) {
            throw new IllegalArgumentException("'" + s + "' is not a distinguished name", e);
        }
    }
}
