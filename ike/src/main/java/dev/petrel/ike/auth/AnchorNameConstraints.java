package dev.petrel.ike.auth;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The trust anchor's own nameConstraints over every certificate of the chain (RFC 5280 §4.2.1.10; §6.1.1 (d) leaves
 * applying them to the implementation, and strongSwan and OpenSSL do). The JDK's PKIX validator enforces those of the
 * intermediates but refuses an anchor with constraints, so BouncyCastle's name constraint validator does this part.
 */
final class AnchorNameConstraints {
    private AnchorNameConstraints() {}

    static void check(X509Certificate anchor, List<X509Certificate> path) throws AuthenticationException {
        String which = "the trust anchor " + CertificateIdentity.subject(anchor);
        NameConstraints constraints;
        try {
            constraints = NameConstraints.getInstance(extension(anchor, Extension.nameConstraints));
        } catch (IOException | IllegalArgumentException e) {
            throw new AuthenticationException("the nameConstraints of " + which + " are malformed");
        }
        if (constraints == null) {
            return;
        }
        PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
        if (constraints.getPermittedSubtrees() != null) {
            validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
        }
        if (constraints.getExcludedSubtrees() != null) {
            for (GeneralSubtree excluded : constraints.getExcludedSubtrees()) {
                validator.addExcludedSubtree(excluded);
            }
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            try {
                X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
                validator.checkPermittedDN(subject);
                validator.checkExcludedDN(subject);
                GeneralNames alternatives = GeneralNames.getInstance(extension(c, Extension.subjectAlternativeName));
                for (GeneralName name : alternatives == null ? new GeneralName[0] : alternatives.getNames()) {
                    validator.checkPermitted(name);
                    validator.checkExcluded(name);
                }
            } catch (NameConstraintValidatorException | IOException | IllegalArgumentException e) {
                throw new AuthenticationException(CertificateIdentity.role(c, i == 0) + " has a name the name constraints "
                        + "of " + which + " forbid (" + CertificateIdentity.names(c) + "; RFC 5280 §4.2.1.10)");
            }
        }
    }

    private static Object extension(X509Certificate c, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) throws IOException {
        byte[] value = c.getExtensionValue(oid.getId());
        return value == null ? null : JcaX509ExtensionUtils.parseExtensionValue(value);
    }
}
