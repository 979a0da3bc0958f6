package dev.petrel.gateway.config.swanctl;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.auth.CertificateIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Certificates and private keys as {@code swanctl --load-all} finds them, in the swanctl folder that holds
 * swanctl.conf: every CA certificate in {@code x509ca/} and of the {@code authorities} section is a trust anchor,
 * every key in {@code private/}, {@code rsa/}, {@code ecdsa/} and {@code pkcs8/} is loaded (an encrypted one with the
 * {@code secret} of the {@code secrets} section of that type whose {@code file} names it), and a connection's
 * {@code certs} (from {@code x509/}) takes the key whose public half is the certificate's. Relative names are
 * relative to those folders; certificates are PEM or DER. Folders Petrel does not read yet (CRLs, OCSP, attribute
 * certificates, raw public keys, PKCS#12) must be empty, so that nothing there is silently ignored.
 */
final class Credentials {
    /** {@code secrets} section prefixes and the folders their files are in (swanctl's load_creds). */
    private static final Map<String, String> KEY_FOLDERS = Map.of("private", "private", "rsa", "rsa", "ecdsa", "ecdsa",
            "pkcs8", "pkcs8");
    private static final List<String> UNREAD_FOLDERS = List.of("x509aa", "x509ac", "x509crl", "x509ocsp", "pubkey",
            "pkcs12");
    private static final int MAX_FILES = 1000;

    private final Path folder;
    private final List<X509Certificate> authorities;
    private final Map<Path, PrivateKey> keys;

    private Credentials(Path folder, List<X509Certificate> authorities, Map<Path, PrivateKey> keys) {
        this.folder = folder;
        this.authorities = List.copyOf(authorities);
        this.keys = keys;
    }

    /** True for a {@code secrets} section that gives a private key file's passphrase rather than an IKE secret. */
    static boolean isKeySection(String name) {
        return KEY_FOLDERS.keySet().stream().anyMatch(name::startsWith);
    }

    /** Loads the CA certificates and private keys of the swanctl folder {@code folder}. */
    static Credentials load(Path folder, Optional<Section> authorities, Optional<Section> secrets) {
        for (String unread : UNREAD_FOLDERS) {
            List<Path> files = files(folder.resolve(unread));
            if (!files.isEmpty()) {
                throw new ConfigException(new Origin(files.getFirst(), 0), "", "Petrel does not read " + unread
                        + "/ yet (CRLs, OCSP, attribute certificates, raw public keys and PKCS#12 are a later issue)");
            }
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (Path file : files(folder.resolve("x509ca"))) {
            cas.addAll(certificates(file, new Origin(file, 0), ""));
        }
        Claims.eachSection(authorities, authority -> {
            Claims c = new Claims(authority);
            Setting cacert = c.setting("cacert").orElseThrow(() -> authority.problem("no cacert: Petrel reads the "
                    + "CA certificate only (crl_uris, ocsp_uris and smartcards are not supported)"));
            c.rejectRest();
            cas.addAll(certificates(resolve(folder, "x509ca", cacert), cacert.origin(), cacert.path()));
            return authority;
        });
        Map<Path, char[]> passphrases = new LinkedHashMap<>();
        Map<Path, PrivateKey> keys = new LinkedHashMap<>();
        try {
            for (Section s : Claims.eachSection(secrets, s -> s)) {
                if (isKeySection(s.name())) {
                    readKeySection(folder, s, passphrases);
                }
            }
            for (String keyFolder : KEY_FOLDERS.values()) {
                for (Path file : files(folder.resolve(keyFolder))) {
                    passphrases.putIfAbsent(file.toAbsolutePath().normalize(), null);
                }
            }
            for (Map.Entry<Path, char[]> file : passphrases.entrySet()) {
                try {
                    keys.put(file.getKey(), KeyFiles.read(file.getKey(), file.getValue()));
                } catch (KeyFiles.Encrypted e) {
                    throw new ConfigException(new Origin(file.getKey(), 0), "", "the key is encrypted: give its "
                            + "passphrase in secrets.private<suffix> { file = " + file.getKey().getFileName()
                            + " secret = ... } (rsa<suffix>, ecdsa<suffix>, pkcs8<suffix> for those folders)");
                }
            }
        } finally {
            passphrases.values().stream().filter(p -> p != null).forEach(p -> Arrays.fill(p, '\0'));
        }
        return new Credentials(folder, cas, keys);
    }

    /**
     * The certificate of a {@code certs} setting (one file, relative to {@code x509/}), with the loaded private key
     * that belongs to it.
     */
    Loaded local(Setting certs) {
        List<String> names = Values.list(certs);
        if (names.size() > 1) {
            throw certs.problem("one certificate per authentication round: Petrel does not choose among several");
        }
        List<X509Certificate> found = certificates(resolve(folder, "x509", certs), certs.origin(), certs.path());
        X509Certificate certificate = found.getFirst();
        PrivateKey key = keys.values().stream().filter(k -> SignatureScheme.pair(certificate.getPublicKey(), k))
                .findFirst().orElseThrow(() -> certs.problem("no private key in private/, rsa/, ecdsa/, pkcs8/ or "
                        + "secrets belongs to certificate " + CertificateIdentity.subject(certificate)
                        + " (" + keys.size() + " keys loaded)"));
        return new Loaded(certificate, intermediates(certificate), key);
    }

    /** A local certificate, the CA certificates above it up to a self-signed one, and its private key. */
    record Loaded(X509Certificate certificate, List<X509Certificate> intermediates, PrivateKey key) {
        @Override
        public String toString() {
            return "Loaded[" + CertificateIdentity.subject(certificate) + "]";
        }
    }

    /**
     * The trust anchors of a {@code remote} round: the certificates {@code cacerts} names (relative to
     * {@code x509ca/}), else every CA certificate loaded.
     */
    List<X509Certificate> anchors(Optional<Setting> cacerts, Function<String, ConfigException> problem) {
        if (cacerts.isPresent()) {
            List<X509Certificate> out = new ArrayList<>();
            Setting s = cacerts.get();
            for (String name : Values.list(s)) {
                out.addAll(certificates(resolve(folder, "x509ca", name, s), s.origin(), s.path()));
            }
            return out;
        }
        if (authorities.isEmpty()) {
            throw problem.apply("auth = pubkey, but no CA certificate to trust: put them in " + folder.resolve("x509ca")
                    + ", in authorities, or name them in remote.cacerts");
        }
        return authorities;
    }

    /** CA certificates (not self-signed) issuing {@code certificate} and each other, nearest first. */
    private List<X509Certificate> intermediates(X509Certificate certificate) {
        List<X509Certificate> out = new ArrayList<>();
        X509Certificate current = certificate;
        while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal()) && out.size() < authorities.size()) {
            X509Certificate from = current;
            Optional<X509Certificate> issuer = authorities.stream()
                    .filter(ca -> ca.getSubjectX500Principal().equals(from.getIssuerX500Principal())).findFirst();
            if (issuer.isEmpty() || issuer.get().getIssuerX500Principal().equals(issuer.get().getSubjectX500Principal())) {
                break;
            }
            out.add(issuer.get());
            current = issuer.get();
        }
        return out;
    }

    private static void readKeySection(Path folder, Section s, Map<Path, char[]> passphrases) {
        Claims c = new Claims(s);
        Setting file = c.setting("file").orElseThrow(() -> s.problem("no file: name the key file this passphrase is for"));
        Optional<Setting> secret = c.setting("secret");
        c.rejectRest();
        String keyFolder = KEY_FOLDERS.entrySet().stream().filter(e -> s.name().startsWith(e.getKey())).findFirst()
                .orElseThrow().getValue();
        Path path = resolve(folder, keyFolder, file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw file.problem("no key file " + path);
        }
        passphrases.put(path, secret.map(p -> p.value().toCharArray()).orElse(null));
    }

    private static Path resolve(Path folder, String sub, Setting s) {
        return resolve(folder, sub, s.value(), s);
    }

    /** {@code name} in the swanctl folder {@code sub}, unless absolute; a name no path can have is {@code where}'s error. */
    private static Path resolve(Path folder, String sub, String name, Setting where) {
        try {
            Path p = Path.of(name);
            return p.isAbsolute() ? p : folder.resolve(sub).resolve(p);
        } catch (InvalidPathException e) {
            throw where.problem("not a file name: " + e.getReason());
        }
    }

    /** The certificates in {@code file}, PEM or DER; at least one. */
    private static List<X509Certificate> certificates(Path file, Origin origin, String key) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(origin, key, "no certificate file " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
            if (out.isEmpty()) {
                throw new ConfigException(origin, key, "no certificate in " + file);
            }
            return out;
        } catch (IOException | CertificateException e) {
            throw new ConfigException(origin, key, file + " is not an X.509 certificate (PEM or DER): " + e.getMessage());
        }
    }

    /** The regular files of {@code folder} in name order; none when it does not exist. */
    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p) && out.size() < MAX_FILES) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new ConfigException(new Origin(folder, 0), "", "cannot list the folder: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }
}
