package dev.petrel.cli.load;

import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.identity.Identity;
import dev.petrel.wire.ike.IdType;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate for each initiator's identity, issued on the fly by a CA whose certificate and key are given, as
 * strongSwan's load-tester does: one ECDSA P-256 key pair for all of them, a dNSName for the FQDN identity, a day's
 * validity either side of now. The JDK cannot build certificates; BouncyCastle does.
 */
final class CertificateIssuer {
    private static final Duration VALIDITY = Duration.ofDays(1);

    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final KeyPair keys;
    private final String signature;
    private long serial = 1;

    CertificateIssuer(X509Certificate ca, PrivateKey caKey) throws GeneralSecurityException {
        this.ca = ca;
        this.caKey = caKey;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.keys = generator.generateKeyPair();
        this.signature = switch (caKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("cannot sign with a " + caKey.getAlgorithm() + " CA key");
        };
    }

    /** Reads a PEM CA certificate and its unencrypted PEM key (PKCS#8 or SEC 1). */
    static CertificateIssuer read(Path certificate, Path key) throws IOException, GeneralSecurityException {
        X509Certificate ca;
        try (var in = Files.newInputStream(certificate)) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("--ca-cert " + certificate + " is no X.509 certificate: " + e.getMessage());
        }
        return new CertificateIssuer(ca, privateKey(key));
    }

    X509Certificate ca() {
        return ca;
    }

    /** A certificate for {@code id}, an FQDN, with the shared key. */
    CertificateAuth issue(Identity id) {
        if (id.type() != IdType.ID_FQDN) {
            throw new IllegalArgumentException("certificates are issued for FQDN identities only, not " + id);
        }
        String name = new String(id.data(), StandardCharsets.US_ASCII);
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(serial++),
                    Date.from(now.minus(VALIDITY)), Date.from(now.plus(VALIDITY)), new X500Name("CN=" + name + ", O=Petrel load"),
                    keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            ContentSigner signer = new JcaContentSignerBuilder(signature).build(caKey);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new CertificateAuth(certificate, List.of(), keys.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + name + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        Object pem;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            pem = parser.readObject();
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        return switch (pem) {
            case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
            case PrivateKeyInfo info -> converter.getPrivateKey(info);
            case null, default -> throw new IllegalArgumentException("--ca-key " + file
                    + " holds no unencrypted PEM private key (PKCS#8 or SEC 1)");
        };
    }
}
