package dev.petrel.gateway.os.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.os.linux.SockAddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** {@link DatagramBatch} filled for sending, without a socket. */
class DatagramBatchTest {
    private static final SockAddr TO = SockAddr.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));

    @Test
    void addedDatagramsReadBack() {
        DatagramBatch batch = new DatagramBatch(2, 8);
        byte[] data = {9, 1, 2, 3, 9};
        assertEquals(0, batch.add(data, 1, 3, TO));
        assertEquals(1, batch.count());
        assertEquals(3, batch.length(0));
        assertEquals(2, batch.octet(0, 1));
        byte[] copy = new byte[4];
        assertEquals(3, batch.copy(0, copy, 1));
        assertEquals(3, copy[3]);
        assertEquals(TO, batch.peer(0));
        byte[] address = new byte[16];
        assertEquals(4, batch.peerAddress(0, address));
        assertArrayEquals(InetAddress.getLoopbackAddress().getAddress(), java.util.Arrays.copyOf(address, 4));
        assertEquals(9, batch.peerPort(0));
        assertTrue(batch.peerEquals(0, TO));
        assertFalse(batch.peerEquals(0, SockAddr.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 10))));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.octet(0, 3));
    }

    @Test
    void aFullBatchTakesNoMore() {
        DatagramBatch batch = new DatagramBatch(1, 8);
        assertThrows(IllegalArgumentException.class, () -> batch.add(new byte[9], 0, 9, TO));
        batch.add(new byte[8], 0, 8, TO);
        assertThrows(IllegalStateException.class, () -> batch.add(new byte[1], 0, 1, TO));
        batch.clear();
        assertEquals(0, batch.count());
        assertThrows(IndexOutOfBoundsException.class, () -> batch.length(0));
    }
}
