package dev.petrel.gateway.config.swanctl;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.gateway.ocsp.HttpOcsp;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.config.Revocation;
import dev.petrel.ike.config.RevocationPolicy;
import dev.petrel.ike.identity.Identity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Certificates, private keys and CRLs as {@code swanctl --load-all} finds them, in the swanctl folder that holds
 * swanctl.conf: every CA certificate in {@code x509ca/} and of the {@code authorities} section is a trust anchor,
 * every key in {@code private/}, {@code rsa/}, {@code ecdsa/} and {@code pkcs8/} is loaded (an encrypted one with the
 * {@code secret} of the {@code secrets} section of that type whose {@code file} names it), as is every PKCS#12
 * container of {@code pkcs12/} (with its {@code secrets.pkcs12<suffix>} passphrase) and every CRL of {@code x509crl/}.
 * A connection's {@code certs} (from {@code x509/}) takes the key whose public half is the certificate's; without
 * {@code certs}, its {@code id} names the certificate among those of {@code x509/} and the containers. Relative
 * names are relative to those folders; certificates and CRLs are PEM or DER. Folders Petrel does not read yet (OCSP
 * signers, attribute certificates, raw public keys) must be empty, so that nothing there is silently ignored.
 */
final class Credentials {
    /** {@code secrets} section prefixes and the folders their files are in (swanctl's load_creds). */
    private static final Map<String, String> KEY_FOLDERS = Map.of("private", "private", "rsa", "rsa", "ecdsa", "ecdsa",
            "pkcs8", "pkcs8", "pkcs12", "pkcs12");
    private static final String CONTAINERS = "pkcs12";
    private static final List<String> UNREAD_FOLDERS = List.of("x509aa", "x509ac", "x509ocsp", "pubkey");
    private static final int MAX_FILES = 1000;

    private final Path folder;
    private final List<X509Certificate> cas;
    private final Authorities authorities;
    private final List<X509CRL> crls;
    private final List<PrivateKey> keys;
    private final List<Loaded> containers;

    private Credentials(Path folder, List<X509Certificate> cas, Authorities authorities, List<X509CRL> crls,
            List<PrivateKey> keys, List<Loaded> containers) {
        this.folder = folder;
        this.cas = List.copyOf(cas);
        this.authorities = authorities;
        this.crls = List.copyOf(crls);
        this.keys = List.copyOf(keys);
        this.containers = List.copyOf(containers);
    }

    /** True for a {@code secrets} section that gives a key file's or container's passphrase rather than an IKE secret. */
    static boolean isKeySection(String name) {
        return KEY_FOLDERS.keySet().stream().anyMatch(name::startsWith);
    }

    /** Loads the CA certificates, private keys, containers and CRLs of the swanctl folder {@code folder}. */
    static Credentials load(Path folder, Optional<Section> authoritiesSection, Optional<Section> secrets) {
        for (String unread : UNREAD_FOLDERS) {
            List<Path> files = files(folder.resolve(unread));
            if (!files.isEmpty()) {
                throw new ConfigException(new Origin(files.getFirst(), 0), "", "Petrel does not read " + unread
                        + "/ yet (OCSP signer certificates, attribute certificates and raw public keys are not supported)");
            }
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (Path file : files(folder.resolve("x509ca"))) {
            cas.addAll(certificates(file, new Origin(file, 0), ""));
        }
        Authorities authorities = Authorities.read(folder, authoritiesSection);
        cas.addAll(authorities.certificates());
        List<X509CRL> crls = new ArrayList<>(authorities.crls());
        for (Path file : files(folder.resolve("x509crl"))) {
            crls.addAll(CrlFiles.read(file, new Origin(file, 0), ""));
        }
        Map<Path, char[]> passphrases = new LinkedHashMap<>();
        Set<Path> containerFiles = new HashSet<>();
        List<PrivateKey> keys = new ArrayList<>();
        List<Loaded> containers = new ArrayList<>();
        try {
            for (Section s : Claims.eachSection(secrets, s -> s)) {
                if (isKeySection(s.name())) {
                    Path file = readKeySection(folder, s, passphrases);
                    if (s.name().startsWith(CONTAINERS)) {
                        containerFiles.add(file);
                    }
                }
            }
            for (String keyFolder : KEY_FOLDERS.values()) {
                for (Path file : files(folder.resolve(keyFolder))) {
                    passphrases.putIfAbsent(file.toAbsolutePath().normalize(), null);
                    if (keyFolder.equals(CONTAINERS)) {
                        containerFiles.add(file.toAbsolutePath().normalize());
                    }
                }
            }
            for (Map.Entry<Path, char[]> file : passphrases.entrySet()) {
                if (containerFiles.contains(file.getKey())) {
                    containers.addAll(Pkcs12Files.read(file.getKey(), file.getValue()));
                    continue;
                }
                try {
                    keys.add(KeyFiles.read(file.getKey(), file.getValue()));
                } catch (KeyFiles.Encrypted e) {
                    throw new ConfigException(new Origin(file.getKey(), 0), "", "the key is encrypted: give its "
                            + "passphrase in secrets.private<suffix> { file = " + file.getKey().getFileName()
                            + " secret = ... } (rsa<suffix>, ecdsa<suffix>, pkcs8<suffix> for those folders)");
                }
            }
        } finally {
            passphrases.values().stream().filter(p -> p != null).forEach(p -> Arrays.fill(p, '\0'));
        }
        return new Credentials(folder, cas, authorities, crls, keys, containers);
    }

    /**
     * Our certificate for a local round: the one {@code certs} names (one file, relative to {@code x509/}) with the
     * loaded private key that belongs to it; without {@code certs}, the one certificate of {@code x509/} or of a
     * container that has its key and names {@code id}.
     */
    Loaded local(Optional<Setting> certs, Optional<Setting> idSetting, Identity id) {
        if (certs.isEmpty()) {
            Setting where = idSetting.orElseThrow();
            List<Loaded> named = Stream.concat(containers.stream(), files(folder.resolve("x509")).stream()
                    .map(f -> certificates(f, new Origin(f, 0), "").getFirst()).flatMap(c -> withKey(c).stream()))
                    .filter(l -> CertificateIdentity.contains(l.certificate(), id)).toList();
            if (named.size() != 1) {
                throw where.problem(named.isEmpty() ? "no certificate of x509/ or of a pkcs12/ container names " + id
                        + " and has its private key: name one with certs" : "the certificates " + named.stream().map(
                        l -> CertificateIdentity.subject(l.certificate()).toString()).toList() + " all name " + id
                        + ": say which with certs");
            }
            return named.getFirst();
        }
        Setting setting = certs.get();
        List<String> names = Values.list(setting);
        if (names.size() > 1) {
            throw setting.problem("one certificate per authentication round: Petrel does not choose among several");
        }
        X509Certificate certificate = certificates(resolve(folder, "x509", setting), setting.origin(), setting.path()).getFirst();
        return withKey(certificate).orElseThrow(() -> setting.problem("no private key in private/, rsa/, ecdsa/, "
                + "pkcs8/, pkcs12/ or secrets belongs to certificate " + CertificateIdentity.subject(certificate) + " ("
                + (keys.size() + containers.size()) + " keys loaded)"));
    }

    /** A local certificate, the CA certificates above it to send, and its private key. */
    record Loaded(X509Certificate certificate, List<X509Certificate> intermediates, PrivateKey key) {
        @Override
        public String toString() {
            return "Loaded[" + CertificateIdentity.subject(certificate) + "]";
        }
    }

    /** How the status of the peer's certificates is checked: the CRLs and authorities loaded, under {@code policy}. */
    Revocation revocation(RevocationPolicy policy) {
        return new Revocation(crls, authorities.authorities(), policy, HttpOcsp.INSTANCE);
    }

    /**
     * {@code certificate} with its private key and intermediates: a container's own, or a loaded key whose public
     * half is the certificate's with the CA certificates above it up to a self-signed one.
     */
    private Optional<Loaded> withKey(X509Certificate certificate) {
        Optional<Loaded> contained = containers.stream().filter(l -> l.certificate().equals(certificate)).findFirst();
        if (contained.isPresent()) {
            return contained;
        }
        return Stream.concat(keys.stream(), containers.stream().map(Loaded::key))
                .filter(k -> SignatureScheme.pair(certificate.getPublicKey(), k)).findFirst()
                .map(k -> new Loaded(certificate, intermediates(certificate), k));
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
        if (cas.isEmpty()) {
            throw problem.apply("auth = pubkey, but no CA certificate to trust: put them in " + folder.resolve("x509ca")
                    + ", in authorities, or name them in remote.cacerts");
        }
        return cas;
    }

    /** CA certificates (not self-signed) issuing {@code certificate} and each other, nearest first. */
    private List<X509Certificate> intermediates(X509Certificate certificate) {
        List<X509Certificate> out = new ArrayList<>();
        X509Certificate current = certificate;
        while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal()) && out.size() < cas.size()) {
            X509Certificate from = current;
            Optional<X509Certificate> issuer = cas.stream()
                    .filter(ca -> ca.getSubjectX500Principal().equals(from.getIssuerX500Principal())).findFirst();
            if (issuer.isEmpty() || issuer.get().getIssuerX500Principal().equals(issuer.get().getSubjectX500Principal())) {
                break;
            }
            out.add(issuer.get());
            current = issuer.get();
        }
        return out;
    }

    /** The passphrase of a {@code secrets} section for a key or container file; returns the file. */
    private static Path readKeySection(Path folder, Section s, Map<Path, char[]> passphrases) {
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
        return path;
    }

    static Path resolve(Path folder, String sub, Setting s) {
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
    static List<X509Certificate> certificates(Path file, Origin origin, String key) {
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
