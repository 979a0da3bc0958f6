package dev.petrel.testkit.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Throw-away certificates for tests, issued with BouncyCastle's certificate builder over JCA keys: a self-signed CA,
 * intermediates, end entities with subjectAltNames, each with the validity asked for; and PEM files of them as
 * strongSwan's {@code pki} writes them (certificates; EC keys as SEC1, RSA keys as PKCS#1, others as PKCS#8), or an
 * encrypted PKCS#8 key (BouncyCastle's provider for its cipher names, not registered). Not for anything but tests.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private TestPki() {}

    /** A certificate and the key pair whose public half it certifies. {@link #toString()} shows no key. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }

        /** A certificate issued by this one, which must be a CA. */
        public Issued issue(String subject, KeyType type, Instant notBefore, Instant notAfter, boolean ca,
                String... subjectAltNames) {
            return TestPki.issue(this, subject, type.generate(), type, notBefore, notAfter, ca, subjectAltNames);
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    /** A self-signed CA certificate. */
    public static Issued ca(String subject, KeyType type, Instant notBefore, Instant notAfter) {
        return issue(null, subject, type.generate(), type, notBefore, notAfter, true);
    }

    /**
     * A certificate for {@code keys}, signed by {@code issuer} (null: self-signed). {@code subjectAltNames} are
     * {@code dns:}, {@code email:} or {@code ip:} followed by the name.
     */
    static Issued issue(Issued issuer, String subject, KeyPair keys, KeyType type, Instant notBefore, Instant notAfter,
            boolean ca, String... subjectAltNames) {
        X500Principal name = new X500Principal(subject);
        X500Principal issuerName = issuer == null ? name : issuer.certificate().getSubjectX500Principal();
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.privateKey();
        String signature = issuer == null ? type.certificateSignature() : typeOf(issuer).certificateSignature();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), name,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature : KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuer.certificate()));
            }
            if (subjectAltNames.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, generalNames(subjectAltNames));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(signer)));
            return new Issued(certificate, keys);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    /** PEM text of certificates or private keys, one block each, as strongSwan's {@code pki --outform pem} writes. */
    public static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                if (o instanceof java.security.interfaces.ECPrivateKey ec) {
                    writer.writeObject(sec1(ec));
                } else {
                    writer.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** An encrypted PKCS#8 PEM ("ENCRYPTED PRIVATE KEY", PBES2 with AES-256-CBC) of {@code key}. */
    public static String encryptedPem(PrivateKey key, char[] passphrase) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider()).setPassword(passphrase).build();
            return pem(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SEC1 (RFC 5915) with the curve in its parameters field, as OpenSSL and strongSwan write EC keys. */
    private static PemObject sec1(java.security.interfaces.ECPrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        var withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(key.getParams().getOrder().bitLength(), inner.getKey(),
                info.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
    }

    private static KeyType typeOf(Issued issued) {
        String algorithm = issued.certificate().getPublicKey().getAlgorithm();
        return switch (algorithm) {
            case "EC" -> switch (((java.security.interfaces.ECKey) issued.certificate().getPublicKey()).getParams()
                    .getCurve().getField().getFieldSize()) {
                case 256 -> KeyType.ECDSA_P256;
                case 384 -> KeyType.ECDSA_P384;
                default -> KeyType.ECDSA_P521;
            };
            case "RSA" -> KeyType.RSA_2048;
            default -> KeyType.ED25519;
        };
    }

    private static GeneralNames generalNames(String... names) throws IOException {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            int colon = n.indexOf(':');
            String kind = n.substring(0, colon);
            String value = n.substring(colon + 1);
            out.add(switch (kind) {
                case "dns" -> new GeneralName(GeneralName.dNSName, value);
                case "email" -> new GeneralName(GeneralName.rfc822Name, value);
                case "ip" -> new GeneralName(GeneralName.iPAddress,
                        new org.bouncycastle.asn1.DEROctetString(InetAddress.ofLiteral(value).getAddress()));
                default -> throw new IllegalArgumentException("subjectAltName kind " + kind);
            });
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }
}
