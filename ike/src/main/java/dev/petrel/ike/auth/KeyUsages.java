package dev.petrel.ike.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a certificate may be used for, where the JDK's PKIX validator does not look: the end-entity certificate
 * must sign (keyUsage digitalSignature or nonRepudiation when the extension is there, RFC 4945 §5.1.3.2) for IKE
 * (an extendedKeyUsage, when there, with serverAuth, clientAuth, id-kp-ipsecIKE, anyExtendedKeyUsage or
 * iKEIntermediate, §5.1.3.12 and RFC 4945's practice); the trust anchor must be a current CA certificate that may
 * sign certificates (basicConstraints cA, keyUsage keyCertSign, RFC 5280 §4.2.1.9, §4.2.1.3). The PKIX validator
 * checks the same of intermediates. Whether a gateway's own certificate names serverAuth, as Windows, macOS and iOS
 * clients require of it, is {@link #namesServerAuth}.
 */
public final class KeyUsages {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_CERT_SIGN = 5;
    /** Names of the extended key usages an explanation may meet (RFC 5280 §4.2.1.12, RFC 4945 §5.1.3.12). */
    private static final Map<String, String> NAMES = Map.of(SERVER_AUTH, "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth", "1.3.6.1.5.5.7.3.17", "ipsecIKE", "2.5.29.37.0", "anyExtendedKeyUsage",
            "1.3.6.1.5.5.8.2.2", "iKEIntermediate", "1.3.6.1.5.5.7.3.3", "codeSigning", "1.3.6.1.5.5.7.3.4",
            "emailProtection", "1.3.6.1.5.5.7.3.8", "timeStamping", "1.3.6.1.5.5.7.3.9", "OCSPSigning");
    private static final List<String> FOR_IKE = List.of("serverAuth", "clientAuth", "ipsecIKE", "anyExtendedKeyUsage",
            "iKEIntermediate");

    private KeyUsages() {}

    /** True when {@code certificate} lists serverAuth among its extended key usages (RFC 5280 §4.2.1.12). */
    public static boolean namesServerAuth(X509Certificate certificate) {
        try {
            List<String> extended = certificate.getExtendedKeyUsage();
            return extended != null && extended.contains(SERVER_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    static void checkEndEntity(X509Certificate certificate) throws AuthenticationException {
        String which = CertificateIdentity.role(certificate, true);
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE] && !(keyUsage.length > NON_REPUDIATION && keyUsage[NON_REPUDIATION])) {
            throw new AuthenticationException(which + " lacks digitalSignature in its keyUsage: its key may not sign "
                    + "AUTH (RFC 4945 §5.1.3.2)");
        }
        List<String> extended;
        try {
            extended = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new AuthenticationException(which + " has a malformed extendedKeyUsage: " + e.getMessage());
        }
        if (extended != null && extended.stream().map(o -> NAMES.getOrDefault(o, o)).noneMatch(FOR_IKE::contains)) {
            throw new AuthenticationException(which + " is for " + extended.stream().map(o -> NAMES.getOrDefault(o, o))
                    .toList() + " only: its extendedKeyUsage names none of " + FOR_IKE + " (RFC 4945 §5.1.3.12)");
        }
    }

    static void checkAnchor(X509Certificate anchor, Instant now) throws AuthenticationException {
        String which = "the trust anchor " + CertificateIdentity.subject(anchor);
        if (anchor.getVersion() >= 3 && anchor.getBasicConstraints() < 0) {
            throw new AuthenticationException(which + " is no CA certificate (its basicConstraints lack cA; RFC 5280 "
                    + "§4.2.1.9)");
        }
        boolean[] keyUsage = anchor.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_CERT_SIGN]) {
            throw new AuthenticationException(which + " lacks keyCertSign in its keyUsage: it may not sign certificates "
                    + "(RFC 5280 §4.2.1.3)");
        }
        if (now.isAfter(anchor.getNotAfter().toInstant())) {
            throw new AuthenticationException(which + " expired on " + anchor.getNotAfter().toInstant() + " (now " + now + ")");
        }
        if (now.isBefore(anchor.getNotBefore().toInstant())) {
            throw new AuthenticationException(which + " is not valid before " + anchor.getNotBefore().toInstant()
                    + " (now " + now + ")");
        }
    }
}
