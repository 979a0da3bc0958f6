package dev.petrel.testkit.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and SPIs from the lines a level-4 charon log holds (excerpts of a strongSwan 5.9.8 initiator's log). */
class StrongSwanKeysTest {
    private static final String LOG = """
            05:15:38 10[MGR] <petrel|1> checkin IKEv2 SA petrel[1] with SPIs 024bf7399c9f77f0_i 0000000000000000_r
            05:15:38 12[MGR] checkout IKEv2 SA by message with SPIs 024bf7399c9f77f0_i f4c739209d2f85f0_r
            05:15:38 12[IKE] <petrel|1> Sk_d secret => 4 bytes @ 0x7f22bc00c4c0
            05:15:38 12[IKE] <petrel|1>    0: 00 76 6C EC                                      .vl.
            05:15:38 12[IKE] <petrel|1> Sk_ei secret => 20 bytes @ 0x7f22bc00c060
            05:15:38 12[IKE] <petrel|1>    0: 0B D6 78 66 DC A9 A1 C1 C6 5D 18 EC E8 82 9C F6  ..xf.....]......
            05:15:38 12[IKE] <petrel|1>   16: B5 50 48 94                                      .PH.
            05:15:38 12[IKE] <petrel|1> Sk_er secret => 2 bytes @ 0x7f22bc00c074
            05:15:38 12[IKE] <petrel|1>    0: 1B 94                                            ..
            05:15:38 12[IKE] <petrel|1> Sk_pi secret => 2 bytes @ 0x7f22bc00c760
            05:15:38 12[IKE] <petrel|1>    0: 5C CB                                            \\.
            05:15:38 12[IKE] <petrel|1> Sk_pr secret => 2 bytes @ 0x7f22bc008c70
            05:15:38 12[IKE] <petrel|1>    0: 44 13                                            D.
            05:15:38 15[CHD] <petrel|1> encryption initiator key => 4 bytes @ 0x55ee2db0e670
            05:15:38 15[CHD] <petrel|1>    0: F9 34 26 9D                                      .4&.
            05:15:38 15[CHD] <petrel|1> encryption responder key => 4 bytes @ 0x55ee2db0fb00
            05:15:38 15[CHD] <petrel|1>    0: 11 22 33 44                                      ."3D
            05:15:38 15[CHD] <petrel|1> adding inbound ESP SA
            05:15:38 15[CHD] <petrel|1>   SPI 0xb08939a5, src 192.0.2.2 dst 192.0.2.1
            05:15:38 15[CHD] <petrel|1> adding outbound ESP SA
            05:15:38 15[CHD] <petrel|1>   SPI 0xc0501351, src 192.0.2.1 dst 192.0.2.2
            """;

    @TempDir
    Path dir;

    private Path log(String text) throws IOException {
        return Files.writeString(dir.resolve("charon.log"), text);
    }

    @Test
    void ikeKeys() throws IOException {
        StrongSwanIkeKeys keys = StrongSwanIkeKeys.parse(log(LOG));
        assertEquals(0x024bf7399c9f77f0L, keys.initiatorSpi());
        assertEquals(0xf4c739209d2f85f0L, keys.responderSpi());
        assertArrayEquals(HexFormat.of().parseHex("00766cec"), keys.skD());
        assertArrayEquals(HexFormat.of().parseHex("0bd67866dca9a1c1c65d18ece8829cf6b5504894"), keys.skEi());
        assertArrayEquals(new byte[0], keys.skAi(), "AEAD: no integrity keys");
        assertArrayEquals(HexFormat.of().parseHex("4413"), keys.skPr());
    }

    @Test
    void childKeys() throws IOException {
        StrongSwanChildKeys keys = StrongSwanChildKeys.parse(log(LOG));
        assertEquals(0xb08939a5L, keys.inboundSpi());
        assertEquals(0xc0501351L, keys.outboundSpi());
        assertArrayEquals(HexFormat.of().parseHex("f934269d"), keys.encryptionInitiator());
        assertArrayEquals(HexFormat.of().parseHex("11223344"), keys.encryptionResponder());
    }

    @Test
    void laterChildSasAreFoundByTheirInboundSpi() throws IOException {
        Path log = log(LOG + """
                05:15:39 13[CHD] <petrel|1> encryption initiator key => 2 bytes @ 0x55ee2db0e670
                05:15:39 13[CHD] <petrel|1>    0: AA BB                                            ..
                05:15:39 13[CHD] <petrel|1> encryption responder key => 2 bytes @ 0x55ee2db0fb00
                05:15:39 13[CHD] <petrel|1>    0: CC DD                                            ..
                05:15:39 13[CHD] <petrel|1> integrity initiator key => 1 bytes @ 0x55ee2db0fb00
                05:15:39 13[CHD] <petrel|1>    0: EE                                               .
                05:15:39 13[CHD] <petrel|1> adding inbound ESP SA
                05:15:39 13[CHD] <petrel|1>   SPI 0x0000aaaa, src 192.0.2.2 dst 192.0.2.1
                05:15:39 13[CHD] <petrel|1> adding outbound ESP SA
                05:15:39 13[CHD] <petrel|1>   SPI 0x0000bbbb, src 192.0.2.1 dst 192.0.2.2
                """);
        assertEquals(List.of(0xb08939a5L, 0xaaaaL), StrongSwanChildKeys.parseAll(log).stream()
                .map(StrongSwanChildKeys::inboundSpi).toList());
        StrongSwanChildKeys second = StrongSwanChildKeys.parse(log, 0xaaaaL);
        assertEquals(0xbbbbL, second.outboundSpi());
        assertArrayEquals(HexFormat.of().parseHex("ccdd"), second.encryptionResponder());
        assertArrayEquals(HexFormat.of().parseHex("ee"), second.integrityInitiator());
        assertArrayEquals(new byte[0], second.integrityResponder());
        assertArrayEquals(HexFormat.of().parseHex("f934269d"), StrongSwanChildKeys.parse(log, 0xb08939a5L).encryptionInitiator());
        IOException e = assertThrows(IOException.class, () -> StrongSwanChildKeys.parse(log, 0xbbbbL));
        assertTrue(e.getMessage().contains("inbound SPI bbbb"), e.getMessage());
    }

    @Test
    void logsBelowLevelFourAreRefused() throws IOException {
        Path quiet = log("05:15:38 12[IKE] <petrel|1> IKE_SA petrel[1] established\n");
        assertThrows(IOException.class, () -> StrongSwanIkeKeys.parse(quiet));
        assertThrows(IOException.class, () -> StrongSwanChildKeys.parse(quiet));
    }

    @Test
    void truncatedDumpsAreRefused() throws IOException {
        Path cut = log(LOG.replace("05:15:38 12[IKE] <petrel|1>   16: B5 50 48 94                                      .PH.\n", ""));
        IOException e = assertThrows(IOException.class, () -> StrongSwanIkeKeys.parse(cut));
        assertEquals(cut + ": key dump of 20 bytes ended after 16", e.getMessage());
    }
}
