package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.HEADROOM;
import static dev.petrel.esp.ah.TestPackets.SPI;

import dev.petrel.wire.iana.IpProtocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutations of valid AH packets and of plain packets through the fuzz targets' checks, in every build:
 * thousands of near-valid inputs, reproducible from the seed in the test name.
 */
class AhMutationTest {
    private static final List<byte[]> SEEDS = seeds();

    /** Valid inputs in the fuzz targets' layout: configuration octet, four sequence octets, packet. */
    static List<byte[]> seeds() {
        byte[] hbh = TestPackets.optionsHeader(TestPackets.option(0x3e, 1, 2, 3, 4));
        byte[] rh = TestPackets.routingHeader(0, 1, "2001:db8:2::9");
        byte[] dst = TestPackets.optionsHeader(TestPackets.option(0x1e, 5));
        byte[][] plain = {
            TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "seed"),
            TestPackets.ipv4(
                    "198.51.100.5", "192.0.2.10", IpProtocol.UDP, new byte[] {(byte) 131, 7, 4, (byte) 203, 0, 113, 9, 1},
                    TestPackets.udp(1, 2, "lsrr")),
            TestPackets.ipv6Udp("2001:db8:1::5", "2001:db8:2::9", "seed"),
            TestPackets.ipv6("2001:db8:1::5", "2001:db8:ff::1", IpProtocol.UDP, TestPackets.udp(1, 2, "ext"),
                    new int[] {IpProtocol.HOPOPT, IpProtocol.IPV6_ROUTE, IpProtocol.IPV6_OPTS}, hbh, rh, dst),
        };
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p < plain.length; p++) {
            for (int mode = 0; mode < 3; mode++) {
                int c = AhFuzzTest.config(p % 4, mode, p % 2 == 1);
                AhOutbound outbound = new AhOutbound(TestPackets.integrity(AhRoundTripTest.SUITES.get(p % 4)), SPI, p % 2 == 1,
                        AhFuzzTest.MODE_FOR_TESTS[mode]);
                byte[] buf = TestPackets.inBuffer(plain[p]);
                if (outbound.protect(buf, HEADROOM, plain[p].length, 77) != AhStatus.OK) {
                    throw new IllegalStateException("seed " + p + " does not protect");
                }
                byte[] input = new byte[5 + outbound.packetLength()];
                input[0] = (byte) c;
                System.arraycopy(buf, outbound.packetOffset(), input, 5, outbound.packetLength());
                out.add(input);
                byte[] raw = new byte[5 + plain[p].length];
                raw[0] = (byte) c;
                System.arraycopy(plain[p], 0, raw, 5, plain[p].length);
                out.add(raw);
            }
        }
        return out;
    }

    static IntStream seedsOfRandomness() {
        return IntStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedsOfRandomness")
    void mutatedPacketsOnlyEverDrop(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AhFuzzTest target = new AhFuzzTest();
        for (int i = 0; i < 100; i++) {
            byte[] input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            target.inboundOnlyEverDrops(input);
            target.outboundThenInboundRoundTrips(input);
        }
    }

    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] m = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && m.length > 5; e++) {
            int at = 5 + random.nextInt(m.length - 5);
            switch (random.nextInt(5)) {
                case 0 -> m[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> m[at] = (byte) random.nextInt(256);
                case 2 -> m[at] = (byte) (random.nextBoolean() ? 0 : 0xff);
                case 3 -> m = Arrays.copyOf(m, Math.max(5, at));
                default -> m[0] = (byte) random.nextInt(256);
            }
        }
        return m;
    }
}
