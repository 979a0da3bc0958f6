package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.List;

/**
 * CRL files, PEM or DER, as swanctl's {@code x509crl/} folder and {@code file:} crl_uris hold them (strongSwan's
 * {@code pki --signcrl} writes them), read by the JDK. Complete CRLs only: a delta CRL (RFC 5280 §5.2.4) is refused,
 * since Petrel does not combine one with its base.
 */
final class CrlFiles {
    private static final String DELTA_CRL_INDICATOR = "2.5.29.27";

    private CrlFiles() {}

    /** The CRLs in {@code file}, at least one; problems at {@code origin} and {@code key}. */
    static List<X509CRL> read(Path file, Origin origin, String key) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(origin, key, "no CRL file " + file);
        }
        List<X509CRL> out;
        try (InputStream in = Files.newInputStream(file)) {
            out = CertificateFactory.getInstance("X.509").generateCRLs(in).stream().map(c -> (X509CRL) c).toList();
        } catch (IOException | CRLException | CertificateException e) {
            throw new ConfigException(origin, key, file + " is not an X.509 CRL (PEM or DER): " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new ConfigException(origin, key, "no CRL in " + file);
        }
        for (X509CRL crl : out) {
            if (crl.getExtensionValue(DELTA_CRL_INDICATOR) != null) {
                throw new ConfigException(origin, key, file + " holds a delta CRL (RFC 5280 §5.2.4): Petrel reads "
                        + "complete CRLs only");
            }
        }
        return out;
    }
}
