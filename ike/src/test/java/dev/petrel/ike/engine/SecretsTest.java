package dev.petrel.ike.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
