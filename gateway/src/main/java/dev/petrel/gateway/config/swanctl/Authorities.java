package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.config.Authority;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code authorities} section: each {@code NAME { cacert = FILE }} is a trust anchor like those of
 * {@code x509ca/}, with where the status of its certificates is published: {@code crl_uris} ({@code file:///} URIs,
 * read when loading; Petrel fetches no CRL over http or ldap), {@code ocsp_uris} (http or https responders, asked
 * while authenticating a peer) and Petrel's own {@code ocsp_timeout}, how long each request may block the IKE thread.
 */
record Authorities(List<X509Certificate> certificates, List<Authority> authorities, List<X509CRL> crls) {
    static final Duration OCSP_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration MAX_OCSP_TIMEOUT = Duration.ofSeconds(30);

    static Authorities read(Path folder, Optional<Section> section) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<Authority> authorities = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        Claims.eachSection(section, authority -> {
            Claims c = new Claims(authority);
            Setting cacert = c.setting("cacert").orElseThrow(() -> authority.problem("no cacert: Petrel reads the "
                    + "CA certificate from a file (smartcards are not supported)"));
            List<URI> crlUris = c.setting("crl_uris").map(s -> crlUris(s, crls)).orElse(List.of());
            List<URI> ocspUris = c.setting("ocsp_uris").map(Authorities::ocspUris).orElse(List.of());
            Duration timeout = c.setting("ocsp_timeout").map(Authorities::timeout).orElse(OCSP_TIMEOUT);
            c.rejectRest();
            for (X509Certificate ca : Credentials.certificates(Credentials.resolve(folder, "x509ca", cacert),
                    cacert.origin(), cacert.path())) {
                certificates.add(ca);
                authorities.add(new Authority(ca, crlUris, ocspUris, timeout));
            }
            return authority;
        });
        return new Authorities(certificates, authorities, crls);
    }

    /** {@code file:///} URIs, whose CRLs are read into {@code crls} now. */
    private static List<URI> crlUris(Setting s, List<X509CRL> crls) {
        List<URI> out = new ArrayList<>();
        for (String item : Values.list(s)) {
            URI uri = uri(s, item);
            if (!"file".equalsIgnoreCase(uri.getScheme()) || uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw s.problem("'" + item + "': Petrel fetches no CRLs over http or ldap; put the CRL into x509crl/, "
                        + "or name its file as file:///PATH");
            }
            crls.addAll(CrlFiles.read(Path.of(uri.getPath()), s.origin(), s.path()));
            out.add(uri);
        }
        return out;
    }

    private static List<URI> ocspUris(Setting s) {
        List<URI> out = new ArrayList<>();
        for (String item : Values.list(s)) {
            URI uri = uri(s, item);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw s.problem("'" + item + "' is no http:// or https:// URI of an OCSP responder");
            }
            out.add(uri);
        }
        return out;
    }

    private static Duration timeout(Setting s) {
        Duration timeout = Values.time(s);
        if (timeout.isZero() || timeout.compareTo(MAX_OCSP_TIMEOUT) > 0) {
            throw s.problem("the OCSP timeout blocks the IKE thread: 1s to " + MAX_OCSP_TIMEOUT.toSeconds() + "s");
        }
        return timeout;
    }

    private static URI uri(Setting s, String item) {
        try {
            return new URI(item);
        } catch (URISyntaxException e) {
            throw s.problem("'" + item + "' is not a URI: " + e.getReason());
        }
    }
}
