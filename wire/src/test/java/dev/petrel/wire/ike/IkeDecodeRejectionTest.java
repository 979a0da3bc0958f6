package dev.petrel.wire.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.ike.IkeDecodeException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed input fails with an {@link IkeDecodeException} of the right kind that names the bad field. */
class IkeDecodeRejectionTest {
    private static final int SA = PayloadType.SA.value();

    /** A chain whose first payload has type {@code firstType}: the rest of the row is the expected field and the hex. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            33 | SA.length                                   | 0000
            33 | SA.length                                   | 00000003
            33 | SA.length                                   | 00000009 00000000
            33 | SA.proposal[1].last                         | 00000004
            33 | SA.proposal[1].last                         | 00000010 01000008 01010000 00000000
            33 | SA.proposal[1].length                       | 0000000b 00000007 010100
            33 | SA.proposal[1].length                       | 00000014 00000011 01010001 00000008 01000014
            33 | SA.proposal[1].transform[1].last            | 00000014 00000010 01010001 02000008 01000014
            33 | SA.proposal[1].transform[1].length          | 00000014 00000010 01010001 00000007 01000014
            33 | SA.proposal[1].transform[1].length          | 00000014 00000010 01010001 00000009 01000014
            33 | SA.proposal[1].transformCount               | 00000014 00000010 01010002 00000008 01000014
            33 | SA.proposal[1].transformCount               | 0000001c 00000018 01010001 03000008 01000014 00000008 02000005
            33 | SA.proposal[1].spiSize                      | 00000018 00000014 01030801 00000000 00000000 00000008 01000014
            33 | SA.proposal[1].spiSize                      | 00000018 00000014 01010401 00000000 00000008 01000014 00000000
            33 | SA.proposal[1].number                       | 00000014 00000010 00010001 00000008 01000014
            33 | SA.proposal[2].number                       | 00000024 02000010 01010001 00000008 01000014 00000010 03010001 00000008 01000014
            33 | SA.proposal[2].number                       | 00000024 02000010 01010001 00000008 01000014 00000010 01010001 00000008 01000014
            33 | SA.proposal[1].number                       | 00000024 02000010 02010001 00000008 01000014 00000010 03010001 00000008 01000014
            33 | SA.proposal[1].transform[1].attribute[1].value | 00000018 00000014 01010001 0000000c 0100000c 000e0002 01
            33 | SA.proposal[1]                              | 00000018 00000010 01010001 00000008 01000014 00000000
            34 | KE.reserved                                 | 00000007 001f00
            35 | IDi.data                                    | 0000000d 01000000 c000020201
            36 | IDr.data                                    | 0000000c 05000000 20010db8
            40 | Nonce.data                                  | 00000013 000102030405060708090a0b0c0d0e
            41 | N.spi                                       | 0000000c 03084009 12345678
            41 | N.type                                      | 00000007 030000
            42 | D.protocolId                                | 00000008 07000000
            42 | D.spiSize                                   | 0000000c 03000001 12345678
            42 | D.spiSize                                   | 0000000c 01040001 12345678
            42 | D.spiCount                                  | 0000000c 03040002 12345678
            42 | D.spiCount                                  | 00000008 01000001
            44 | TSi.selector[1].type                        | 00000018 01000000 09000010 0000ffff c6336400 c63364ff
            44 | TSi.selector[1].length                      | 00000017 01000000 07000010 0000ffff c6336400 c63364
            44 | TSi.selector[1].length                      | 00000018 01000000 08000010 0000ffff c6336400 c63364ff
            45 | TSr.selector[2].type                        | 00000018 02000000 07000010 0000ffff c6336400 c63364ff
            45 | TSr.selector[1]                             | 0000001a 01000000 07000010 0000ffff c6336400 c63364ff 0000
            47 | CP.attribute[1].value                       | 0000000c 01000000 00010004
            47 | CP.attribute[1].length                      | 0000000a 01000000 0001
            48 | EAP.length                                  | 0000000d 0201000a0175736572
            48 | EAP.length                                  | 0000000d 0201000801757365 72
            48 | EAP.message                                 | 00000007 020100
            43 | V.nextPayload                               | 00000004 00
            43 | V.length                                    | 2b000004 000000
            46 | SK                                          | 00000008 01020304
            53 | SKF                                         | 00000008 00010001
            """)
    void chainRejects(int firstType, String field, String hex) {
        byte[] b = Hex.decode(hex);
        IkeDecodeException e = assertThrows(IkeDecodeException.class, () -> PayloadChain.decode(firstType, b, 0, b.length));
        assertEquals(Kind.INVALID_SYNTAX, e.kind(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(firstType, e.payloadType(), e.getMessage());
    }

    /** Messages: the rest of the row is the expected field and the hex after the header, whose length is computed. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            46 | SK                       | 2b000008 01020304 00000004
            53 | SKF.fragmentNumber       | 00000008 00000001
            53 | SKF.fragmentNumber       | 00000008 00030002
            53 | SKF.nextPayload          | 23000008 00020002
            53 | SKF.totalFragments       | 00000006 0001
            """)
    void messageRejects(int firstType, String field, String hex) {
        IkeDecodeException e = assertThrows(IkeDecodeException.class, () -> IkeVectors.decode(message(firstType, Hex.decode(hex))));
        assertEquals(Kind.INVALID_SYNTAX, e.kind(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void truncatedOrMislabelledHeader() {
        byte[] m = message(0, new byte[0]);
        assertField("header.length", () -> IkeMessage.decode(m, 0, 27));
        assertField("header.initiatorSpi", () -> IkeMessage.decode(m, 0, 3));
        assertField("header.length", () -> IkeMessage.decode(m, 0, 27));
        m[27] = 29;
        assertField("header.length", () -> IkeMessage.decode(m, 0, 28));
        byte[] longer = java.util.Arrays.copyOf(m, 29);
        assertField("header.length", () -> IkeMessage.decode(longer, 0, 28));
    }

    @Test
    void majorVersionOtherThanTwo() throws IkeDecodeException {
        byte[] m = message(0, new byte[0]);
        for (int version : new int[] {0x30, 0x10, 0xf0}) {
            m[17] = (byte) version;
            IkeDecodeException e = assertThrows(IkeDecodeException.class, () -> IkeVectors.decode(m));
            assertEquals(Kind.INVALID_MAJOR_VERSION, e.kind());
            assertEquals("header.version", e.field());
        }
        // RFC 7296 §3.1: the minor version and the Version flag are ignored on receipt
        m[17] = 0x2f;
        m[19] = 0x18;
        IkeMessage decoded = IkeVectors.decode(m);
        assertEquals(0x20, decoded.encode()[17]);
        assertEquals(0x08, decoded.encode()[19]);
    }

    @Test
    void criticalUnknownPayload() throws IkeDecodeException {
        byte[] b = Hex.decode("00000008 01000000 00800006 abcd");
        IkeDecodeException e = assertThrows(IkeDecodeException.class, () -> PayloadChain.decode(PayloadType.DELETE.value(), withNext(b, 50), 0, b.length));
        assertEquals(Kind.UNSUPPORTED_CRITICAL_PAYLOAD, e.kind());
        assertEquals(50, e.payloadType());
        assertEquals("payload(50)", e.field());
        IkeDecodeException inMessage = assertThrows(IkeDecodeException.class, () -> IkeVectors.decode(message(50, Hex.decode("00800006 abcd"))));
        assertEquals(Kind.UNSUPPORTED_CRITICAL_PAYLOAD, inMessage.kind());
        // without the critical bit it is skipped, that is kept as it is
        b[9] = 0;
        assertEquals(List.of(DeletePayload.ikeSa(), new UnknownPayload(50, false, Hex.decode("abcd"))),
                PayloadChain.decode(PayloadType.DELETE.value(), withNext(b, 50), 0, b.length));
    }

    @Test
    void encryptedPayloadsAreNotAllowedInsideTheEncryptedPayload() {
        byte[] b = Hex.decode("00000008 00010001");
        IkeDecodeException e = assertThrows(IkeDecodeException.class, () -> PayloadChain.decode(PayloadType.SKF.value(), b, 0, b.length));
        assertEquals("SKF", e.field());
    }

    @Test
    void messagesNameTheFieldAndValueButNoData() {
        byte[] b = Hex.decode("00000013 000102030405060708090a0b0c0d0e");
        IkeDecodeException e = assertThrows(IkeDecodeException.class, () -> PayloadChain.decode(PayloadType.NONCE.value(), b, 0, b.length));
        assertEquals("Nonce.data: 15 octets, outside 16..256", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "no stack trace for a peer's bad input");
        assertFalse(e.getMessage().contains("0102"));
    }

    /** Sets the Next Payload of the first payload in {@code b}. */
    private static byte[] withNext(byte[] b, int next) {
        b[0] = (byte) next;
        return b;
    }

    static byte[] message(int firstType, byte[] payloads) {
        byte[] m = new byte[IkeHeader.LENGTH + payloads.length];
        new IkeHeader(0x0102030405060708L, 0, firstType, ExchangeType.IKE_SA_INIT.value(), true, false, 0, m.length).encode(m, 0);
        System.arraycopy(payloads, 0, m, IkeHeader.LENGTH, payloads.length);
        return m;
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable decode) {
        IkeDecodeException e = assertThrows(IkeDecodeException.class, decode);
        assertEquals(Kind.INVALID_SYNTAX, e.kind());
        assertEquals(field, e.field(), e.getMessage());
    }
}
