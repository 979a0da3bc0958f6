package dev.petrel.ike.eap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The EAP packet codec (RFC 3748 §4) and the Nak's Type-Data (§5.3). */
class EapPacketTest {
    @Test
    void aRequestRoundTrips() {
        EapPacket p = EapPacket.request(200, EapType.MSCHAP_V2, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, (byte) 200, 0, 8, 26, 1, 2, 3}, p.encode());
        assertEquals(p, Packets.decode(p.encode()));
        assertEquals(EapType.MSCHAP_V2, p.knownType());
    }

    @Test
    void successAndFailureAreFourOctets() {
        assertArrayEquals(new byte[] {3, 9, 0, 4}, EapPacket.success(9).encode());
        assertEquals(EapPacket.failure(9), Packets.decode(new byte[] {4, 9, 0, 4}));
    }

    @Test
    void octetsBeyondTheLengthArePadding() {
        assertEquals(EapPacket.response(1, 1, new byte[] {'a'}), Packets.decode(new byte[] {2, 1, 0, 6, 1, 'a', 0, 0}));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "01 02 00                | an EAP packet of 3 octets is shorter than its 4-octet header (RFC 3748 §4)",
        "05 02 00 04             | EAP Code 5 is none of Request, Response, Success, Failure (RFC 3748 §4)",
        "01 02 00 09 01          | the EAP Length field says 9 octets, but 5 arrived (RFC 3748 §4.1)",
        "03 02 00 05 00          | an EAP SUCCESS has Length 5; it must be 4 (RFC 3748 §4.2)",
        "02 02 00 04             | an EAP RESPONSE has Length 4, leaving no room for its Type (RFC 3748 §4.1)",
        "01 02 00 05 00          | an EAP REQUEST has Type 0, which is reserved (RFC 3748 §5)"})
    void malformedPacketsAreRefusedSayingWhy(String hex, String why) {
        byte[] message = java.util.HexFormat.ofDelimiter(" ").parseHex(hex.strip());
        assertEquals(why, assertThrows(EapException.class, () -> EapPacket.decode(message)).getMessage());
    }

    @Test
    void aNakNamesTypesOrNone() throws EapException {
        assertArrayEquals(new byte[] {13, 26}, Nak.legacy(List.of(EapType.TLS, EapType.MSCHAP_V2)));
        assertArrayEquals(new byte[] {0}, Nak.legacy(List.of()));
        assertEquals(List.of(13, 26), Nak.decodeLegacy(new byte[] {13, 26}));
        assertEquals(List.of(), Nak.decodeLegacy(new byte[] {0}));
        assertThrows(EapException.class, () -> Nak.decodeLegacy(new byte[0]));
        assertThrows(EapException.class, () -> Nak.decodeLegacy(new byte[] {4, 0}));
    }

    @Test
    void identitiesAreStrictUtf8WithoutNul() throws EapException {
        assertEquals("zoë", Identities.decode(Identities.encode("zoë"), 253));
        assertThrows(EapException.class, () -> Identities.decode(new byte[] {(byte) 0xc3}, 253));
        assertThrows(EapException.class, () -> Identities.decode(new byte[] {'a', 0}, 253));
        assertThrows(EapException.class, () -> Identities.decode(new byte[254], 253));
    }
}
