package dev.petrel.ike.revocation;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
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
        List<URI> out = new ArrayList<>();
        ASN1Primitive value = extension(c, Extension.cRLDistributionPoints);
        if (value != null) {
            try {
                for (DistributionPoint point : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                    DistributionPointName name = point.getDistributionPoint();
                    if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                        addUris(GeneralNames.getInstance(name.getName()).getNames(), out);
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                return List.of();
            }
        }
        return out;
    }

    static List<URI> ocspResponders(X509Certificate c) {
        List<URI> out = new ArrayList<>();
        ASN1Primitive value = extension(c, Extension.authorityInfoAccess);
        if (value != null) {
            try {
                for (AccessDescription d : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                    if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                        addUris(new GeneralName[] {d.getAccessLocation()}, out);
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                return List.of();
            }
        }
        return out;
    }

    private static void addUris(GeneralName[] names, List<URI> out) {
        for (GeneralName n : names) {
            if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                try {
                    out.add(new URI(n.getName().toString()));
                } catch (URISyntaxException e) {
                    // not a URI anyone could fetch: it names no source
                }
            }
        }
    }

    private static ASN1Primitive extension(X509Certificate c, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        byte[] value = c.getExtensionValue(oid.getId());
        if (value == null) {
            return null;
        }
        try {
            return JcaX509ExtensionUtils.parseExtensionValue(value);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
