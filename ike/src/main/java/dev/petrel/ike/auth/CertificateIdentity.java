package dev.petrel.ike.auth;

import dev.petrel.ike.identity.Identity;
import dev.petrel.wire.ike.IdType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.util.Locale;

/**
 * Whether an IKE identity is one a certificate vouches for (RFC 4945 §3.1): ID_DER_ASN1_DN equal to the subject,
 * ID_FQDN a dNSName, ID_RFC822_ADDR an rfc822Name (both without regard to case), ID_IPV4_ADDR and ID_IPV6_ADDR an
 * iPAddress of the subjectAltName extension. Other identity types are in no certificate.
 */
public final class CertificateIdentity {
    private static final int RFC822_NAME = 1;
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateIdentity() {}

    /** The subject as an identity (ID_DER_ASN1_DN). */
    public static Identity subject(X509Certificate certificate) {
        return new Identity(IdType.ID_DER_ASN1_DN, certificate.getSubjectX500Principal().getEncoded());
    }

    /** The issuer as an identity, for explanations. */
    public static Identity issuer(X509Certificate certificate) {
        return new Identity(IdType.ID_DER_ASN1_DN, certificate.getIssuerX500Principal().getEncoded());
    }

    /** "the peer's certificate SUBJECT", or "the peer's CA certificate SUBJECT" above it, for explanations. */
    public static String role(X509Certificate certificate, boolean endEntity) {
        return (endEntity ? "the peer's certificate " : "the peer's CA certificate ") + subject(certificate);
    }

    /** True when {@code certificate} names {@code id}. */
    public static boolean contains(X509Certificate certificate, Identity id) {
        if (id.type() == IdType.ID_DER_ASN1_DN) {
            return subject(certificate).equals(id);
        }
        int wanted = switch (id.type()) {
            case ID_FQDN -> DNS_NAME;
            case ID_RFC822_ADDR -> RFC822_NAME;
            case ID_IPV4_ADDR, ID_IPV6_ADDR -> IP_ADDRESS;
            default -> -1;
        };
        for (List<?> name : alternativeNames(certificate)) {
            if ((Integer) name.get(0) == wanted && matches(wanted, name.get(1), id.data())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The groups a certificate puts its subject in: the values of its subject's organizationalUnit (OU) attributes,
     * Petrel's stand-in for strongSwan's attribute certificates.
     */
    public static Set<String> groups(X509Certificate certificate) {
        Set<String> out = new TreeSet<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("OU")) {
                    out.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalStateException("the JDK's own RFC 2253 name does not parse: " + e.getMessage(), e);
        }
        return out;
    }

    /** The subject and the subjectAltNames an identity can match, for explanations. */
    public static String names(X509Certificate certificate) {
        List<String> out = new ArrayList<>();
        for (List<?> name : alternativeNames(certificate)) {
            switch ((Integer) name.get(0)) {
                case DNS_NAME -> out.add("dns:" + name.get(1));
                case RFC822_NAME -> out.add("email:" + name.get(1));
                case IP_ADDRESS -> out.add("ip:" + name.get(1));
                default -> { }
            }
        }
        return "subject " + subject(certificate) + (out.isEmpty() ? ", no subjectAltName" : ", subjectAltNames " + out);
    }

    private static boolean matches(int type, Object value, byte[] idData) {
        if (!(value instanceof String text)) {
            return false;
        }
        if (type == IP_ADDRESS) {
            try {
                return Arrays.equals(InetAddress.ofLiteral(text).getAddress(), idData);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return text.toLowerCase(Locale.ROOT).equals(new String(idData, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
