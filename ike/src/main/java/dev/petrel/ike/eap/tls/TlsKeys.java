package dev.petrel.ike.eap.tls;

import dev.petrel.ike.config.CertificateAuth;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Our certificate, its intermediates and its key for the TLS handshake, offered for every key type JSSE asks about
 * that the key has ({@code EC}, {@code RSA}, {@code EdDSA}, and TLS 1.2's {@code EC_EC}-style server types).
 */
final class TlsKeys extends X509ExtendedKeyManager {
    private static final String ALIAS = "eap";
    private final CertificateAuth own;

    TlsKeys(CertificateAuth own) {
        this.own = own;
    }

    private boolean fits(String keyType) {
        String algorithm = own.key().getAlgorithm();
        return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_"));
    }

    private String alias(String... keyTypes) {
        return Arrays.stream(keyTypes).anyMatch(this::fits) ? ALIAS : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return alias(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return alias(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        if (!ALIAS.equals(alias)) {
            return null;
        }
        List<X509Certificate> chain = new ArrayList<>(List.of(own.certificate()));
        chain.addAll(own.intermediates());
        return chain.toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? own.key() : null;
    }
}
