package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.EncryptionException;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Private key files as strongSwan's pem, pkcs1 and pkcs8 plugins read them, PEM or DER: PKCS#8 ("PRIVATE KEY"),
 * PKCS#1 RSA ("RSA PRIVATE KEY"), SEC1 EC ("EC PRIVATE KEY"), each also encrypted (PKCS#8 "ENCRYPTED PRIVATE KEY",
 * or OpenSSL's Proc-Type/DEK-Info headers). BouncyCastle parses and decrypts them (the JDK reads none but plain
 * PKCS#8); the JDK's KeyFactory makes the keys. No message carries key material or the passphrase.
 */
final class KeyFiles {
    /** The PEM labels a DER file is tried as, in this order. */
    private static final List<String> DER_LABELS = List.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY",
            "EC PRIVATE KEY");
    private static final int MAX_FILE_SIZE = 1 << 20;
    /**
     * The ciphers and key derivations of encrypted key files (PBES2 and OpenSSL's legacy scheme) by the names
     * BouncyCastle asks for: its own provider, used for this decryption only and never registered with the JCA.
     */
    private static final Provider DECRYPTION = new BouncyCastleProvider();

    private KeyFiles() {}

    /** Thrown when a key file is encrypted and no passphrase was given for it. */
    static final class Encrypted extends Exception {
        Encrypted() {
            super(null, null, false, false);
        }
    }

    /** The private key in {@code file}; {@code passphrase} for an encrypted one (null when none was given). */
    static PrivateKey read(Path file, char[] passphrase) throws Encrypted {
        Origin origin = new Origin(file, 0);
        byte[] content = content(file);
        String text = new String(content, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN ")) {
            PrivateKey key = parse(text, passphrase, origin);
            if (key == null) {
                throw new ConfigException(origin, "", "no private key in this PEM file (PKCS#8, PKCS#1 RSA or SEC1 EC)");
            }
            return key;
        }
        String base64 = Base64.getMimeEncoder().encodeToString(content);
        for (String label : DER_LABELS) {
            try {
                PrivateKey key = parse("-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n",
                        passphrase, origin);
                if (key != null) {
                    return key;
                }
            } catch (ConfigException | IllegalArgumentException e) {
                // not this structure; try the next
            }
        }
        throw new ConfigException(origin, "", "no private key in this file (PEM or DER of PKCS#8, PKCS#1 RSA or SEC1 EC)");
    }

    /** The octets of the key or container {@code file}, at most {@link #MAX_FILE_SIZE}. */
    static byte[] content(Path file) {
        Origin origin = new Origin(file, 0);
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new ConfigException(origin, "", "larger than " + MAX_FILE_SIZE + " octets: no key file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(origin, "", "cannot read the key file: " + e.getClass().getSimpleName());
        }
    }

    private static PrivateKey parse(String pem, char[] passphrase, Origin origin) throws Encrypted {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                switch (o) {
                    case PrivateKeyInfo info -> {
                        return jca(info, origin);
                    }
                    case PEMKeyPair pair -> {
                        return jca(pair.getPrivateKeyInfo(), origin);
                    }
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> {
                        return jca(encrypted.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(DECRYPTION).build(need(passphrase))), origin);
                    }
                    case PEMEncryptedKeyPair encrypted -> {
                        return jca(encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(DECRYPTION).build(need(passphrase)))
                                .getPrivateKeyInfo(), origin);
                    }
                    default -> { }
                }
            }
            return null;
        } catch (PKCSException | OperatorCreationException | EncryptionException e) {
            throw new ConfigException(origin, "", "cannot decrypt the key (wrong passphrase?)");
        } catch (IOException e) {
            throw new ConfigException(origin, "", "malformed key file: " + e.getClass().getSimpleName());
        }
    }

    /** The key through the JDK's KeyFactory for its algorithm (RSA, EC, Ed25519, Ed448). */
    private static PrivateKey jca(PrivateKeyInfo info, Origin origin) throws IOException {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = oid.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
                : oid.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC"
                : oid.equals(EdECObjectIdentifiers.id_Ed25519) ? "Ed25519"
                : oid.equals(EdECObjectIdentifiers.id_Ed448) ? "Ed448" : null;
        if (algorithm == null) {
            throw new ConfigException(origin, "", "a key of algorithm " + oid + ", which Petrel does not sign with");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new ConfigException(origin, "", "not a private key the JDK can use (" + algorithm + ")");
        }
    }

    private static char[] need(char[] passphrase) throws Encrypted {
        if (passphrase == null) {
            throw new Encrypted();
        }
        return passphrase;
    }
}
