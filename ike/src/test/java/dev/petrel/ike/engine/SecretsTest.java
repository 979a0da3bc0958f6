package dev.petrel.ike.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki.Issued;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** No key, pre-shared key or nonce reaches the text of an action, an event or an SA snapshot. */
class SecretsTest {
    @Test
    void actionsEventsAndSnapshotsPrintNoKey() {
        EnginePairTest.Pair p = new EnginePairTest.Pair(Peers.left("aes256-sha256-modp3072", "aes128-sha256"),
                Peers.right("aes256-sha256-modp3072", "aes128-sha256"));
        p.establish();
        StringBuilder text = new StringBuilder();
        for (List<Action> actions : List.of(p.leftActions, p.rightActions)) {
            actions.forEach(a -> text.append(a).append('\n'));
        }
        text.append(p.left.sas()).append(p.right.sas()).append(Peers.left("aes256-sha256-modp3072", "aes128-sha256"));
        String all = text.toString().toLowerCase(java.util.Locale.ROOT);
        assertFalse(all.contains(new String(Peers.PSK, java.nio.charset.StandardCharsets.US_ASCII)), "the PSK");
        for (InstallChildSa sa : EnginePairTest.Pair.of(p.leftActions, InstallChildSa.class)) {
            for (byte[] key : List.of(sa.inboundEncryptionKey(), sa.outboundEncryptionKey(), sa.inboundIntegrityKey(),
                    sa.outboundIntegrityKey())) {
                assertTrue(key.length >= 16);
                assertFalse(all.contains(HexFormat.of().formatHex(key).substring(0, 16)), "a CHILD_SA key in hex");
            }
        }
        assertTrue(all.contains("installchildsa"), "the text was actually collected");
    }

    /**
     * With certificates: no private key, in any encoding Java prints (PKCS#8 in hex or base64, the EC scalar or the
     * RSA private exponent in decimal or hex), reaches the text of actions, events, snapshots or the configurations.
     */
    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "RSA_2048", "ED25519"})
    void noPrivateKeyInAnyText(KeyType type) {
        Issued ca = TestCertificates.ca("Secrets CA");
        Issued left = TestCertificates.host(ca, "left", type);
        Issued right = TestCertificates.host(ca, "right", type);
        IkeConfig leftConfig = TestCertificates.left(left, List.of(), ca);
        IkeConfig rightConfig = TestCertificates.right(right, ca);
        EnginePairTest.Pair p = new EnginePairTest.Pair(leftConfig, rightConfig);
        p.establish();
        StringBuilder text = new StringBuilder();
        for (List<Action> actions : List.of(p.leftActions, p.rightActions)) {
            actions.forEach(a -> text.append(a).append('\n'));
        }
        text.append(p.left.sas()).append(p.right.sas()).append(leftConfig).append(rightConfig).append(leftConfig.localAuth());
        String all = text.toString().toLowerCase(java.util.Locale.ROOT);
        assertTrue(all.contains("certificateauth[c=xx, o=petrel test, cn=left.petrel.test"), "the text was collected");
        for (Issued issued : List.of(left, right)) {
            PrivateKey key = issued.privateKey();
            byte[] pkcs8 = key.getEncoded();
            List<String> forms = new java.util.ArrayList<>(List.of(HexFormat.of().formatHex(pkcs8, pkcs8.length - 24, pkcs8.length),
                    Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 24, pkcs8.length))
                            .toLowerCase(java.util.Locale.ROOT)));
            BigInteger secret = key instanceof ECPrivateKey ec ? ec.getS()
                    : key instanceof RSAPrivateKey rsa ? rsa.getPrivateExponent() : null;
            if (secret != null) {
                forms.add(secret.toString().substring(0, 20));
                forms.add(secret.toString(16).substring(0, 20));
            }
            for (String form : forms) {
                assertFalse(all.contains(form), "private key material of " + type + " in the text");
            }
        }
    }
}
