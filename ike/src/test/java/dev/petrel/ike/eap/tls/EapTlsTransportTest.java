package dev.petrel.ike.eap.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.eap.EapException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** EAP-TLS fragmentation and reassembly (RFC 5216 §2.1.5, §3.1). */
class EapTlsTransportTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 999, 1000, 1001, 2000, 2001, 65536})
    void aMessageGoesThroughInFragmentsOfAtMost1000Octets(int length) throws EapException {
        byte[] message = new byte[length];
        new Random(length).nextBytes(message);
        EapTlsTransport sender = new EapTlsTransport();
        EapTlsTransport receiver = new EapTlsTransport();
        byte[] frame = sender.send(message);
        assertEquals((byte) (length > 1000 ? 0xc0 : 0x80), frame[0], "L on the first, M while more follow");
        int fragments = 1;
        byte[] received = receiver.receive(EapTlsFrame.decode(frame));
        while (sender.sending()) {
            assertNull(received);
            frame = sender.nextFragment();
            assertTrue(frame.length <= 1 + 1000);
            received = receiver.receive(EapTlsFrame.decode(frame));
            fragments++;
        }
        assertArrayEquals(message, received);
        assertEquals((length + 999) / 1000, fragments);
    }

    @Test
    void aFirstFragmentWithoutLengthIsRefused() {
        assertEquals("EAP-TLS: the first fragment of a message lacks the L flag and length (RFC 5216 §2.1.5)",
                refusal(new byte[] {0x40, 1, 2}));
    }

    @Test
    void aMessageLongerThan64KibIsRefused() {
        assertEquals("EAP-TLS: a TLS message of 65537 octets is more than the 65536 Petrel takes",
                refusal(new byte[] {(byte) 0xc0, 0, 1, 0, 1, 9}));
    }

    @Test
    void fragmentsMustAddUpToTheAnnouncedLength() throws EapException {
        EapTlsTransport receiver = new EapTlsTransport();
        assertNull(receiver.receive(EapTlsFrame.decode(new byte[] {(byte) 0xc0, 0, 0, 0, 3, 1})));
        assertEquals("EAP-TLS: fragments of 2 octets do not make the 3 the L flag announced (RFC 5216 §3.1)",
                assertThrows(EapException.class, () -> receiver.receive(EapTlsFrame.decode(new byte[] {0, 2})))
                        .getMessage());
        assertEquals("EAP-TLS: a Start carries no fragment flags and no data (RFC 5216 §3.1)",
                assertThrows(EapException.class, () -> EapTlsFrame.decode(new byte[] {0x20, 1})).getMessage());
        assertEquals("EAP-TLS: a fragment with the M flag and no data (RFC 5216 §2.1.5)",
                assertThrows(EapException.class, () -> EapTlsFrame.decode(new byte[] {0x40})).getMessage());
    }

    private static String refusal(byte[] typeData) {
        return assertThrows(EapException.class, () -> new EapTlsTransport().receive(EapTlsFrame.decode(typeData)))
                .getMessage();
    }
}
