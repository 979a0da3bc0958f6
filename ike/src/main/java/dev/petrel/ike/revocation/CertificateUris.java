package dev.petrel.ike.revocation;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The revocation URIs a certificate names: its CRL distribution points (RFC 5280 §4.2.1.13) and the OCSP responders
 * of its authorityInfoAccess (§4.2.2.1). Petrel fetches neither; they tell that a status should exist (strongSwan's
 * {@code ifuri}). BouncyCastle parses them, which the JDK does not; a malformed extension names no URI.
 */
final class CertificateUris {
    private CertificateUris() {}

    static List<URI> crlDistributionPoints(X509Certificate c) {
        return uris(c, Extension.cRLDistributionPoints, value -> Arrays.stream(CRLDistPoint.getInstance(value)
                .getDistributionPoints()).map(DistributionPoint::getDistributionPoint)
                .filter(name -> name != null && name.getType() == DistributionPointName.FULL_NAME)
                .flatMap(name -> Arrays.stream(GeneralNames.getInstance(name.getName()).getNames())));
    }

    static List<URI> ocspResponders(X509Certificate c) {
        return uris(c, Extension.authorityInfoAccess, value -> Arrays.stream(AuthorityInformationAccess.getInstance(value)
                .getAccessDescriptions()).filter(d -> d.getAccessMethod().equals(AccessDescription.id_ad_ocsp))
                .map(AccessDescription::getAccessLocation));
    }

    /** The URIs among the names {@code names} finds in the extension {@code oid}; none when it is absent or malformed. */
    private static List<URI> uris(X509Certificate c, ASN1ObjectIdentifier oid, Function<ASN1Primitive, Stream<GeneralName>> names) {
        byte[] value = c.getExtensionValue(oid.getId());
        if (value == null) {
            return List.of();
        }
        List<URI> out = new ArrayList<>();
        try {
            for (GeneralName n : names.apply(JcaX509ExtensionUtils.parseExtensionValue(value)).toList()) {
                if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    out.add(new URI(n.getName().toString()));
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException | IllegalStateException e) {
            return List.of();
        }
        return out;
    }
}
