package dev.petrel.ike.nat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.vectors.Hex;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.23; StrongSwanIkeTest checks the hashes in strongSwan's IKE_SA_INIT messages too. */
class NatDetectionTest {
    private static final long SPI_I = 0x37d8733961_77f96cL;

    @Test
    void strongSwansHashOfItsPeer() throws Exception {
        // charon 5.9.8 at log level 4: natd_chunk 37D8733961 77F96C 00..00 C0000202 01F4 => natd_hash below.
        assertArrayEquals(Hex.decode("1b93af76df784adb7f3651d06707de33547e9a5c"),
                NatDetection.hash(SPI_I, 0, InetAddress.getByName("192.0.2.2"), 500));
    }

    @Test
    void ipv6AddressesHashAllSixteenOctets() throws Exception {
        InetAddress address = InetAddress.getByName("2001:db8::1");
        byte[] input = ByteBuffer.allocate(34).putLong(SPI_I).putLong(7).put(address.getAddress()).putShort((short) 4500).array();
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(input), NatDetection.hash(SPI_I, 7, address, 4500));
    }

    @Test
    void matchesOnlyTheSameSpisAddressAndPort() throws Exception {
        InetAddress address = InetAddress.getByName("192.0.2.1");
        byte[] hash = NatDetection.hash(SPI_I, 9, address, 4500);
        assertTrue(NatDetection.matches(hash, SPI_I, 9, address, 4500));
        assertFalse(NatDetection.matches(hash, SPI_I, 9, address, 500));
        assertFalse(NatDetection.matches(hash, SPI_I, 8, address, 4500));
        assertFalse(NatDetection.matches(hash, SPI_I + 1, 9, address, 4500));
        assertFalse(NatDetection.matches(hash, SPI_I, 9, InetAddress.getByName("192.0.2.3"), 4500));
        assertFalse(NatDetection.matches(Arrays.copyOf(hash, 19), SPI_I, 9, address, 4500));
        assertFalse(NatDetection.matches(Arrays.copyOf(hash, 21), SPI_I, 9, address, 4500));
        assertFalse(NatDetection.matches(new byte[0], SPI_I, 9, address, 4500));
    }

    @Test
    void portsAreSixteenBits() throws Exception {
        InetAddress address = InetAddress.getByName("192.0.2.1");
        assertThrows(IllegalArgumentException.class, () -> NatDetection.hash(SPI_I, 0, address, -1));
        assertThrows(IllegalArgumentException.class, () -> NatDetection.hash(SPI_I, 0, address, 65536));
    }
}
