package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.HEADROOM;
import static dev.petrel.esp.ah.TestPackets.SPI;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.testkit.pcap.PcapWriter;
import dev.petrel.testkit.pcap.Tshark;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wireshark's AH dissector, an independent decoder, reads our headers and finds the UDP datagram behind them. */
class AhTsharkTest {
    private record Sent(byte[] packet, int ahOffset, int nextHeader, int sequence, int icvLength) {}

    private static Sent protect(IntegrityAlgorithm suite, AhMode mode, boolean esn, byte[] packet, long seq) {
        AhOutbound out = new AhOutbound(TestPackets.integrity(suite), SPI, esn, mode);
        byte[] buf = TestPackets.inBuffer(packet);
        assertEquals(AhStatus.OK, out.protect(buf, HEADROOM, packet.length, seq));
        byte[] p = Arrays.copyOfRange(buf, out.packetOffset(), out.packetOffset() + out.packetLength());
        boolean outer6 = (p[0] & 0xf0) == 0x60;
        int ah = outer6 ? 40 + (p[6] == IpProtocol.HOPOPT ? ((p[41] & 0xff) + 1) * 8 : 0) : (p[0] & 0x0f) * 4;
        return new Sent(p, ah, p[ah] & 0xff, (int) seq, AhHeader.lengthFromField(p, ah) - 12);
    }

    @Test
    void tsharkDecodesSpiSequenceNextHeaderAndIcv(@TempDir Path dir) throws Exception {
        Tshark.assumeInstalled();
        AhMode tunnel4 = new AhMode.Tunnel(TestPackets.address("192.0.2.1"), TestPackets.address("192.0.2.2"), true);
        AhMode tunnel6 = new AhMode.Tunnel(TestPackets.address("2001:db8::1"), TestPackets.address("2001:db8::2"), true);
        byte[] v4 = TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "tshark");
        byte[] v6 = TestPackets.ipv6Udp("2001:db8:1::5", "2001:db8:2::9", "tshark");
        byte[] v6Hbh = TestPackets.ipv6("2001:db8:1::5", "2001:db8:2::9", IpProtocol.UDP, TestPackets.udp(TestPackets.SOURCE_PORT, TestPackets.DESTINATION_PORT, "hbh"),
                new int[] {IpProtocol.HOPOPT}, TestPackets.optionsHeader(TestPackets.option(0x3e, 1, 2, 3, 4)));
        List<Sent> sent = List.of(
                protect(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, AhMode.TRANSPORT, false, v4, 1),
                protect(IntegrityAlgorithm.AUTH_HMAC_SHA1_96, AhMode.TRANSPORT, false, v6Hbh, 2),
                protect(IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192, tunnel4, false, v6, 3),
                protect(IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256, tunnel6, true, v4, 7L << 32 | 4),
                protect(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, AhMode.TRANSPORT, false, v6, 0xfffffffeL));
        Path pcap = dir.resolve("ah.pcap");
        List<byte[]> frames = new ArrayList<>();
        sent.forEach(s -> frames.add(s.packet()));
        PcapWriter.writeIp(pcap, frames);

        List<List<String>> rows = Tshark.fields(pcap, "", "ah.spi", "ah.sequence", "ah.next_header", "ah.icv", "udp.srcport", "udp.dstport");
        assertEquals(sent.size(), rows.size(), "one decoded row per packet: " + rows);
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            List<String> row = rows.get(i);
            String where = "packet " + (i + 1) + ": " + row;
            assertEquals(SPI, Integer.decode(row.get(0)), where);
            assertEquals(Integer.toUnsignedString(s.sequence()), row.get(1), where);
            assertEquals(String.valueOf(s.nextHeader()), row.get(2), where);
            String icv = HexFormat.of().formatHex(s.packet(), s.ahOffset() + 12, s.ahOffset() + 12 + s.icvLength());
            assertEquals(icv, row.get(3).replace(":", ""), where);
            assertEquals(String.valueOf(TestPackets.SOURCE_PORT), row.get(4), where);
            assertEquals(String.valueOf(TestPackets.DESTINATION_PORT), row.get(5), where);
        }
        assertEquals(List.of(), Tshark.fields(pcap, "_ws.malformed", "frame.number"), "frames tshark finds malformed");
    }
}
