package dev.petrel.testkit.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Throw-away certificates for tests, issued with BouncyCastle's certificate builder over JCA keys: a self-signed CA,
 * intermediates, end entities with subjectAltNames, each with the validity asked for; and PEM files of them as
 * strongSwan's {@code pki} writes them (certificates; EC keys as SEC1, RSA keys as PKCS#1, others as PKCS#8), or an
 * encrypted PKCS#8 or OpenSSL legacy key (BouncyCastle's provider for its cipher names, not registered), or a
 * PKCS#12 container; CRLs. Not for anything but tests.
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
            return issue(List.of(), subject, type, notBefore, notAfter, ca, subjectAltNames);
        }

        /**
         * A certificate issued by this one with {@code extensions} ({@link #keyUsage}, {@link #extendedKeyUsage},
         * ...) in place of the default ones of the same type, or added.
         */
        public Issued issue(List<Extension> extensions, String subject, KeyType type, Instant notBefore,
                Instant notAfter, boolean ca, String... subjectAltNames) {
            return TestPki.issue(this, subject, type.generate(), type, notBefore, notAfter, ca, extensions,
                    subjectAltNames);
        }

        /** A CRL of this CA listing {@code revoked}, signed with its key. */
        public X509CRL crl(Instant thisUpdate, Instant nextUpdate, RevokedEntry... revoked) {
            try {
                X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(
                        certificate.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
                builder.setNextUpdate(Date.from(nextUpdate));
                for (RevokedEntry r : revoked) {
                    builder.addCRLEntry(r.certificate().getSerialNumber(), Date.from(r.date()), r.reason().ordinal());
                }
                builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(SERIAL.incrementAndGet())));
                return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(
                        typeOf(this).certificateSignature()).build(privateKey())));
            } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
                throw new IllegalStateException("cannot sign a CRL of " + certificate.getSubjectX500Principal(), e);
            }
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    /** One entry of a CRL: the certificate, when and why it was revoked. */
    public record RevokedEntry(X509Certificate certificate, Instant date, CRLReason reason) {}

    /** A self-signed CA certificate. */
    public static Issued ca(String subject, KeyType type, Instant notBefore, Instant notAfter) {
        return ca(List.of(), subject, type, notBefore, notAfter);
    }

    /** A self-signed CA certificate with {@code extensions} in place of the default ones, or added. */
    public static Issued ca(List<Extension> extensions, String subject, KeyType type, Instant notBefore, Instant notAfter) {
        return issue(null, subject, type.generate(), type, notBefore, notAfter, true, extensions);
    }

    /** A critical keyUsage of {@code bits} ({@link KeyUsage#digitalSignature} and the others, or-ed). */
    public static Extension keyUsage(int bits) {
        return extension(Extension.keyUsage, true, new KeyUsage(bits));
    }

    /** A non-critical extendedKeyUsage of the dotted {@code oids}. */
    public static Extension extendedKeyUsage(String... oids) {
        return extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(Stream.of(oids)
                .map(o -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(o))).toArray(KeyPurposeId[]::new)));
    }

    /** A critical nameConstraints permitting the dNSNames in the domains {@code dnsNames} only. */
    public static Extension permittedDnsNames(String... dnsNames) {
        return extension(Extension.nameConstraints, true, new NameConstraints(Stream.of(dnsNames)
                .map(n -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, n))).toArray(GeneralSubtree[]::new), null));
    }

    /** A basicConstraints saying {@code ca}, to put on a certificate that claims otherwise. */
    public static Extension basicConstraints(boolean ca) {
        return extension(Extension.basicConstraints, true, new BasicConstraints(ca));
    }

    /** A cRLDistributionPoints naming {@code uri}. */
    public static Extension crlDistributionPoint(String uri) {
        GeneralNames name = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        return extension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(name), null, null)}));
    }

    /** An authorityInfoAccess naming {@code uri} as the OCSP responder. */
    public static Extension ocspResponder(String uri) {
        return extension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A certificate for {@code keys}, signed by {@code issuer} (null: self-signed). {@code subjectAltNames} are
     * {@code dns:}, {@code email:} or {@code ip:} followed by the name.
     */
    static Issued issue(Issued issuer, String subject, KeyPair keys, KeyType type, Instant notBefore, Instant notAfter,
            boolean ca, List<Extension> extensions, String... subjectAltNames) {
        X500Principal name = new X500Principal(subject);
        X500Principal issuerName = issuer == null ? name : issuer.certificate().getSubjectX500Principal();
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.privateKey();
        String signature = issuer == null ? type.certificateSignature() : typeOf(issuer).certificateSignature();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), name,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature : KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuer.certificate()));
            }
            if (subjectAltNames.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, generalNames(subjectAltNames));
            }
            for (Extension e : extensions) {
                if (builder.hasExtension(e.getExtnId())) {
                    builder.replaceExtension(e);
                } else {
                    builder.addExtension(e);
                }
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

    /** An OpenSSL "traditional" encrypted PEM (Proc-Type and DEK-Info headers, AES-128-CBC) of {@code key}. */
    public static String legacyEncryptedPem(PrivateKey key, char[] passphrase) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
                    .build(passphrase));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** A PKCS#12 container (the JDK's KeyStore) of {@code issued}'s key with {@code chain}, its certificate first. */
    public static byte[] pkcs12(Issued issued, List<X509Certificate> chain, char[] passphrase) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", issued.privateKey(), passphrase, chain.toArray(X509Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, passphrase);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
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

    /** The key type of {@code issued}, which decides how it signs what it issues. */
    static KeyType typeOf(Issued issued) {
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
