package dev.petrel.wire.ike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.TransformType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-built vectors, laid out octet by octet from the RFC figures, for the payloads that the strongSwan captures
 * carry only encrypted or not at all. Each is one payload with its generic header and Next Payload 0.
 */
class PayloadVectorsTest {
    private static final String LEFT_FQDN = HexFormat.of().formatHex("left.petrel.test".getBytes(StandardCharsets.US_ASCII));

    static Stream<Arguments> vectors() {
        return Stream.of(
                // RFC 7296 §3.13: TS count, reserved; §3.13.1: type 7, protocol any, length 16, ports 0-65535, 198.51.100.0-255
                vector(new TrafficSelectorPayload(true, List.of(new TrafficSelectorEntry(TsType.TS_IPV4_ADDR_RANGE.value(), 0, 0, 65535,
                                ip("198.51.100.0"), ip("198.51.100.255")))),
                        "00000018 01000000 07000010 0000ffff c6336400 c63364ff"),
                // type 8, UDP, length 40, port 500 only, 2001:db8::/32
                vector(new TrafficSelectorPayload(false, List.of(new TrafficSelectorEntry(TsType.TS_IPV6_ADDR_RANGE.value(), 17, 500, 500,
                                ip("2001:db8::"), ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")))),
                        "00000030 01000000 08110028 01f401f4 20010db8000000000000000000000000 20010db8ffffffffffffffffffffffff"),
                // RFC 7296 §3.11: ESP, SPI size 4, two SPIs
                vector(new DeletePayload(ProtocolId.ESP.value(), List.of(0xc0ffee01, 0xc0ffee02)), "00000010 03040002 c0ffee01 c0ffee02"),
                // the IKE SA: SPI size 0, no SPIs
                vector(DeletePayload.ikeSa(), "00000008 01000000"),
                // RFC 7296 §3.15: CFG_REQUEST for an address and a DNS server, both empty
                vector(new ConfigurationPayload(ConfigType.CFG_REQUEST.value(), List.of(
                                new ConfigurationAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS.value(), new byte[0]),
                                new ConfigurationAttribute(ConfigAttributeType.INTERNAL_IP4_DNS.value(), new byte[0]))),
                        "00000010 01000000 00010000 00030000"),
                vector(new ConfigurationPayload(ConfigType.CFG_REPLY.value(), List.of(
                                new ConfigurationAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS.value(), ip("198.51.100.10")))),
                        "00000010 02000000 00010004 c633640a"),
                // RFC 3748 §5.1: Response, identifier 1, length 9, type Identity, "user"
                vector(new EapPayload(Hex.decode("020100090175736572")), "0000000d 0201000901 75736572"),
                vector(new EapPayload(Hex.decode("03010004")), "00000008 03010004"),
                // RFC 7296 §3.6: X.509 Certificate - Signature, then the DER (here its first octets)
                vector(new CertificatePayload(CertEncoding.X509_CERTIFICATE_SIGNATURE.value(), Hex.decode("308201")), "00000008 04 308201"),
                // RFC 7296 §3.5: ID_FQDN, reserved, the name
                vector(new IdentificationPayload(true, IdType.ID_FQDN.value(), Hex.decode(LEFT_FQDN)), "00000018 02000000 " + LEFT_FQDN),
                vector(new IdentificationPayload(false, IdType.ID_IPV4_ADDR.value(), ip("192.0.2.2")), "0000000c 01000000 c0000202"),
                // RFC 7296 §3.8: shared key MIC, reserved, the data
                vector(new AuthenticationPayload(AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE.value(), Hex.decode("01020304")),
                        "0000000c 02000000 01020304"),
                // RFC 7296 §3.10: REKEY_SA (0x4009) for ESP SPI 0x12345678
                vector(NotifyPayload.of(NotifyType.REKEY_SA, ProtocolId.ESP, 0x12345678, new byte[0]), "0000000c 03044009 12345678"),
                vector(NotifyPayload.of(NotifyType.COOKIE, Hex.decode("0011223344556677")), "00000010 00004006 0011223344556677"),
                // RFC 7296 §3.3: one ESP proposal, SPI 0x01020304, AES-CBC-128 and no ESN
                vector(new SecurityAssociationPayload(List.of(new Proposal(1, ProtocolId.ESP.value(), Hex.decode("01020304"), List.of(
                                TransformEntry.of(EncryptionAlgorithm.ENCR_AES_CBC, 128), TransformEntry.of(ExtendedSequenceNumbers.NO_ESN))))),
                        "00000024 00000020 01030402 01020304 0300000c 0100000c 800e0080 00000008 05000000"),
                // a type we do not know, not critical: kept
                vector(new UnknownPayload(50, false, Hex.decode("abcd")), "00000006 abcd"));
    }

    private static Arguments vector(Payload p, String hex) {
        return Arguments.of(p, Hex.decode(hex));
    }

    private static byte[] ip(String address) {
        try {
            return java.net.InetAddress.getByName(address).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void encodesAndDecodes(Payload p, byte[] encoded) throws IkeDecodeException {
        assertArrayEquals(encoded, PayloadChain.encode(List.of(p)));
        assertEquals(List.of(p), PayloadChain.decode(p.type(), encoded, 0, encoded.length));
        assertArrayEquals(java.util.Arrays.copyOfRange(encoded, 4, encoded.length), PayloadChain.body(p));
    }

    @Test
    void chainLinksEachPayloadToTheNext() throws IkeDecodeException {
        List<Payload> inner = List.of(new IdentificationPayload(false, IdType.ID_IPV4_ADDR.value(), ip("192.0.2.2")),
                new AuthenticationPayload(AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE.value(), Hex.decode("01020304")));
        byte[] encoded = PayloadChain.encode(inner);
        assertArrayEquals(Hex.decode("2700000c 01000000 c0000202 0000000c 02000000 01020304"), encoded);
        assertEquals(PayloadType.IDR.value(), PayloadChain.firstType(inner));
        assertEquals(0, PayloadChain.firstType(List.of()));
        assertEquals(inner, PayloadChain.decode(PayloadType.IDR.value(), encoded, 0, encoded.length));
        assertEquals(List.of(), PayloadChain.decode(0, encoded, 0, 0));
    }

    @Test
    void encryptedPayloadNamesItsFirstInnerPayload() throws IkeDecodeException {
        IkeMessage m = new IkeMessage(new IkeHeader(1, 2, 0, ExchangeType.INFORMATIONAL.value(), true, false, -1, 0),
                List.of(new EncryptedPayload(PayloadType.DELETE.value(), Hex.decode("0102030405"))));
        byte[] encoded = m.encode();
        assertArrayEquals(Hex.decode("0000000000000001 0000000000000002 2e 20 25 08 ffffffff 00000025 2a000009 0102030405"), encoded);
        IkeMessage decoded = IkeMessage.decode(encoded, 0, encoded.length);
        assertEquals(0xffffffffL, decoded.header().messageIdUnsigned());
        assertEquals(m.payloads(), decoded.payloads());
        assertThrows(IllegalArgumentException.class, () -> PayloadChain.encode(List.of(m.payloads().getFirst(), DeletePayload.ikeSa())));
    }

    @Test
    void laterFragmentsCarryNextPayloadZero() throws IkeDecodeException {
        // RFC 7383 §2.5: fragment 2 of 2, Next Payload 0, then IV | ciphertext | ICV
        IkeMessage m = new IkeMessage(new IkeHeader(1, 2, 0, ExchangeType.IKE_AUTH.value(), true, false, 1, 0),
                List.of(new EncryptedFragmentPayload(0, 2, 2, Hex.decode("aabbccdd"))));
        byte[] encoded = m.encode();
        assertArrayEquals(Hex.decode("0000000c 00020002 aabbccdd"), java.util.Arrays.copyOfRange(encoded, IkeHeader.LENGTH, encoded.length));
        assertEquals(m.payloads(), IkeMessage.decode(encoded, 0, encoded.length).payloads());
    }

    @Test
    void knownPayloadsAreSentNonCriticalAndTheirCriticalBitIgnored() throws IkeDecodeException {
        byte[] encoded = Hex.decode("00800008 01000000");
        assertEquals(List.of(DeletePayload.ikeSa()), PayloadChain.decode(PayloadType.DELETE.value(), encoded, 0, encoded.length));
        assertArrayEquals(Hex.decode("00000008 01000000"), PayloadChain.encode(List.of(DeletePayload.ikeSa())));
        assertArrayEquals(Hex.decode("00800006 abcd"), PayloadChain.encode(List.of(new UnknownPayload(50, true, Hex.decode("abcd")))));
    }

    @Test
    void reservedFieldsAreIgnoredOnReceiptAndSentAsZero() throws IkeDecodeException {
        byte[] encoded = Hex.decode("0000000c 02ffffff 01020304");
        List<Payload> decoded = PayloadChain.decode(PayloadType.AUTH.value(), encoded, 0, encoded.length);
        assertArrayEquals(Hex.decode("0000000c 02000000 01020304"), PayloadChain.encode(decoded));
        // the configuration attribute's reserved top bit
        byte[] cp = Hex.decode("0000000c 01000000 80010000");
        assertEquals(List.of(new ConfigurationPayload(1, List.of(new ConfigurationAttribute(1, new byte[0])))),
                PayloadChain.decode(PayloadType.CP.value(), cp, 0, cp.length));
        assertThrows(IllegalArgumentException.class, () -> new ConfigurationAttribute(0x8001, new byte[0]));
    }

    @Test
    void loneProposalOfAResponseKeepsItsNumber() throws IkeDecodeException {
        // RFC 7296 §3.3.1: the accepted proposal's number matches the one it had in the request
        byte[] sa = Hex.decode("00000014 00000010 02010001 00000008 0400001f");
        SecurityAssociationPayload p = (SecurityAssociationPayload) PayloadChain.decode(PayloadType.SA.value(), sa, 0, sa.length).getFirst();
        assertEquals(2, p.proposals().getFirst().number());
        assertArrayEquals(sa, PayloadChain.encode(List.of(p)));
    }

    @Test
    void transformAttributesInBothForms() throws IkeDecodeException {
        TransformEntry t = new TransformEntry(TransformType.ENCR.value(), 12, List.of(new TransformAttribute(14, true, Hex.decode("0100")),
                new TransformAttribute(0x1234, false, Hex.decode("aabbcc"))));
        assertEquals(OptionalInt.of(256), t.keyLength());
        SecurityAssociationPayload sa = new SecurityAssociationPayload(List.of(new Proposal(1, 1, new byte[0], List.of(t))));
        byte[] encoded = PayloadChain.encode(List.of(sa));
        // TV: AF bit, type 14, value; TLV: type, length 3, value
        assertArrayEquals(Hex.decode("0000001f 0000001b 01010001 00000013 0100000c 800e0100 12340003 aabbcc"), encoded);
        assertEquals(List.of(sa), PayloadChain.decode(PayloadType.SA.value(), encoded, 0, encoded.length));
        assertEquals(OptionalInt.empty(), new TransformEntry(1, 12, List.of(new TransformAttribute(14, false, Hex.decode("0100")))).keyLength(),
                "the Key Length attribute is TV only");
    }

    @Test
    void eapAccessors() {
        EapPayload eap = new EapPayload(Hex.decode("020100090175736572"));
        assertEquals(2, eap.code());
        assertEquals(1, eap.identifier());
    }

    @Test
    void toStringShowsLengthsNotSecrets() {
        byte[] nonce = Hex.decode("9a1721cc60cf01e2364741c4b60e7f4654c236b10d5bf8993443637ac382c998");
        for (Payload p : List.<Payload>of(new NoncePayload(nonce), new KeyExchangePayload(31, nonce), new AuthenticationPayload(2, nonce),
                new EapPayload(nonce), new EncryptedPayload(35, nonce), new EncryptedFragmentPayload(35, 1, 2, nonce))) {
            String s = p.toString();
            assertTrue(s.contains("32 octets"), s);
            assertFalse(s.toLowerCase().contains("9a17") || s.contains("-102"), s);
        }
    }

    @Test
    void constructorsRefuseWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new DeletePayload(ProtocolId.IKE.value(), List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> new TransformAttribute(14, true, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new TrafficSelectorEntry(7, 0, 0, 0, new byte[16], new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new UnknownPayload(PayloadType.SA.value(), false, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new SecurityAssociationPayload(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new KeyExchangePayload(0x10000, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> PayloadChain.encode(List.of(new VendorIdPayload(new byte[70000]))));
    }
}
