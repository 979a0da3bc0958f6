package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * PKCS#12 containers (RFC 7292) of swanctl's {@code pkcs12/} folder, read by the JDK's "PKCS12" KeyStore: each
 * private key with its certificate and the CA certificates of its chain, which travel as intermediates (those that
 * are not self-signed), as strongSwan's swanctl loads them (the CA certificates are not trust anchors). No message
 * carries key material or the passphrase.
 */
final class Pkcs12Files {
    private Pkcs12Files() {}

    /** The passphrase does not open the container. */
    private static final class WrongPassphrase extends Exception {
        WrongPassphrase() {
            super(null, null, false, false);
        }
    }

    /**
     * The keys of {@code file} with their certificates; {@code passphrase} decrypts it, null when none was given
     * (then only a container with an empty password opens).
     */
    static List<Credentials.Loaded> read(Path file, char[] passphrase) {
        Origin origin = new Origin(file, 0);
        try {
            return open(file, origin, passphrase == null ? new char[0] : passphrase);
        } catch (WrongPassphrase e) {
            throw new ConfigException(origin, "", passphrase == null ? "the container is encrypted: give its passphrase "
                    + "in secrets.pkcs12<suffix> { file = " + file.getFileName() + " secret = ... }"
                    : "cannot decrypt the PKCS#12 container (wrong passphrase?)");
        }
    }

    private static List<Credentials.Loaded> open(Path file, Origin origin, char[] passphrase) throws WrongPassphrase {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(KeyFiles.content(file)), passphrase);
            List<Credentials.Loaded> out = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.isKeyEntry(alias) ? store.getKey(alias, passphrase) : null;
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain[0] instanceof X509Certificate certificate) {
                    List<X509Certificate> intermediates = Arrays.stream(chain).skip(1).map(c -> (X509Certificate) c)
                            .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
                    out.add(new Credentials.Loaded(certificate, intermediates, privateKey));
                }
            }
            if (out.isEmpty()) {
                throw new ConfigException(origin, "", "no private key with its certificate in this PKCS#12 container");
            }
            return out;
        } catch (UnrecoverableKeyException e) {
            throw new WrongPassphrase();
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new WrongPassphrase();
            }
            throw new ConfigException(origin, "", "not a PKCS#12 container Petrel can read (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new ConfigException(origin, "", "not a PKCS#12 container Petrel can read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
