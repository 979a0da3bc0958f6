package dev.petrel.wire.ike;

import static dev.petrel.wire.ike.IkeVectors.decode;
import static dev.petrel.wire.ike.IkeVectors.resource;
import static dev.petrel.wire.ike.IkeVectors.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Known answers: datagrams that strongSwan 5.9.8 exchanged between two namespaces of the interop harness
 * (../shared/interop), captured on the initiator's veth with tshark by {@code interop/strongswan-wire-capture.sh}. {@code psk-*}: the psk case with
 * {@code send_vendor_id = yes}. {@code cert-*}: the cert case with the responder offering only
 * aes256-sha256-modp2048 (so the first request draws INVALID_KE_PAYLOAD) and {@code fragment_size = 400} (so
 * IKE_AUTH travels in SKF fragments). Datagrams from UDP 4500 are stored without the non-ESP marker. Expected
 * values were cross-checked with tshark's IKEv2 dissector.
 */
class StrongSwanCaptureTest {
    private static final PayloadType[] INIT_REQUEST = {PayloadType.SA, PayloadType.KE, PayloadType.NONCE, PayloadType.NOTIFY,
            PayloadType.NOTIFY, PayloadType.NOTIFY, PayloadType.NOTIFY, PayloadType.NOTIFY, PayloadType.VENDOR_ID};
    private static final byte[] STRONGSWAN_VENDOR_ID = Hex.decode("882fe56d6fd20dbc2251613b2ebe5beb");
    private static final Proposal GCM_X25519 = new Proposal(1, ProtocolId.IKE.value(), new byte[0], List.of(
            TransformEntry.of(EncryptionAlgorithm.ENCR_AES_GCM_16, 128),
            TransformEntry.of(PseudorandomFunction.PRF_HMAC_SHA2_256),
            TransformEntry.of(KeyExchangeMethod.CURVE25519)));
    private static final Proposal CBC_MODP2048 = new Proposal(2, ProtocolId.IKE.value(), new byte[0], List.of(
            TransformEntry.of(EncryptionAlgorithm.ENCR_AES_CBC, 256),
            TransformEntry.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
            TransformEntry.of(PseudorandomFunction.PRF_HMAC_SHA2_256),
            TransformEntry.of(KeyExchangeMethod.MODP_2048)));

    @ParameterizedTest
    @ValueSource(strings = {"psk-ike-sa-init-request", "psk-ike-sa-init-response", "psk-ike-auth-request", "psk-informational-response",
            "cert-invalid-ke-response", "cert-ike-sa-init-request", "cert-ike-sa-init-response", "cert-ike-auth-request-fragment-1",
            "cert-ike-auth-request-fragment-3"})
    void reEncodingGivesTheSameDatagram(String name) throws IkeDecodeException {
        byte[] datagram = resource(name);
        IkeMessage m = decode(datagram);
        assertArrayEquals(datagram, m.encode());
        assertEquals(datagram.length, m.encodedLength());
        assertEquals(m, decode(m.encode()), "value equality");
        assertEquals(m.hashCode(), decode(m.encode()).hashCode());
    }

    @Test
    void ikeSaInitRequest() throws IkeDecodeException {
        IkeMessage m = decode(resource("psk-ike-sa-init-request"));
        assertEquals(new IkeHeader(0xbdfb4d0211c6006bL, 0, PayloadType.SA.value(), ExchangeType.IKE_SA_INIT.value(), true, false, 0, 296), m.header());
        assertEquals(types(INIT_REQUEST), types(m.payloads()));

        List<Proposal> proposals = m.first(SecurityAssociationPayload.class).orElseThrow().proposals();
        assertEquals(List.of(GCM_X25519, CBC_MODP2048), proposals);
        assertEquals(OptionalInt.of(128), proposals.get(0).transforms().get(0).keyLength());
        assertEquals(OptionalInt.of(256), proposals.get(1).transforms().get(0).keyLength());
        assertEquals(OptionalInt.empty(), proposals.get(1).transforms().get(1).keyLength());

        KeyExchangePayload ke = m.first(KeyExchangePayload.class).orElseThrow();
        assertEquals(KeyExchangeMethod.CURVE25519.value(), ke.group());
        assertEquals(32, ke.data().length);
        assertArrayEquals(Hex.decode("9a1721cc60cf01e2364741c4b60e7f4654c236b10d5bf8993443637ac382c998"),
                m.first(NoncePayload.class).orElseThrow().data());

        assertEquals(List.of(NotifyType.NAT_DETECTION_SOURCE_IP, NotifyType.NAT_DETECTION_DESTINATION_IP, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED,
                NotifyType.SIGNATURE_HASH_ALGORITHMS, NotifyType.REDIRECT_SUPPORTED), knownNotifyTypes(m));
        NotifyPayload natdSource = m.notify(NotifyType.NAT_DETECTION_SOURCE_IP).orElseThrow();
        assertArrayEquals(Hex.decode("d1234c2a0745a37e7e56c0f6ed756972ef1f93f8"), natdSource.data());
        assertEquals(0, natdSource.protocolId());
        assertEquals(0, natdSource.spi().length);
        assertFalse(natdSource.isError());
        // SHA2-256, SHA2-384, SHA2-512, Identity (RFC 7427 §4, RFC 8420)
        assertArrayEquals(Hex.decode("0002000300040005"), m.notify(NotifyType.SIGNATURE_HASH_ALGORITHMS).orElseThrow().data());
        assertArrayEquals(STRONGSWAN_VENDOR_ID, m.first(VendorIdPayload.class).orElseThrow().data());
    }

    @Test
    void ikeSaInitResponse() throws IkeDecodeException {
        IkeMessage m = decode(resource("psk-ike-sa-init-response"));
        assertEquals(new IkeHeader(0xbdfb4d0211c6006bL, 0x31ccb6286237b750L, PayloadType.SA.value(), ExchangeType.IKE_SA_INIT.value(), false, true, 0, 260),
                m.header());
        assertEquals(List.of(GCM_X25519), m.first(SecurityAssociationPayload.class).orElseThrow().proposals());
        assertArrayEquals(Hex.decode("972647d818cda72120c823c93a6fe68205c9d9e444c069e41a72d00ef4348b6a"),
                m.first(KeyExchangePayload.class).orElseThrow().data());
        assertArrayEquals(Hex.decode("12a8fe287784f33ff778748c623bfd1eadf398c9f578d7991b7a6a33ffc8da4a"),
                m.first(NoncePayload.class).orElseThrow().data());
        assertEquals(List.of(NotifyType.NAT_DETECTION_SOURCE_IP, NotifyType.NAT_DETECTION_DESTINATION_IP, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED,
                NotifyType.SIGNATURE_HASH_ALGORITHMS, NotifyType.CHILDLESS_IKEV2_SUPPORTED, NotifyType.MULTIPLE_AUTH_SUPPORTED), knownNotifyTypes(m));
        assertArrayEquals(Hex.decode("5f653ab10403a7fa321ae32e351350ca004edefb"),
                m.notify(NotifyType.NAT_DETECTION_DESTINATION_IP).orElseThrow().data());
        assertArrayEquals(STRONGSWAN_VENDOR_ID, m.first(VendorIdPayload.class).orElseThrow().data());
    }

    @Test
    void ikeAuthRequestKeepsItsEncryptedPayload() throws IkeDecodeException {
        byte[] datagram = resource("psk-ike-auth-request");
        IkeMessage m = decode(datagram);
        assertEquals(ExchangeType.IKE_AUTH.value(), m.header().exchangeType());
        assertEquals(1, m.header().messageId());
        assertTrue(m.header().initiator());
        assertEquals(PayloadType.SK.value(), m.header().nextPayload());
        EncryptedPayload sk = (EncryptedPayload) m.payloads().getFirst();
        assertEquals(PayloadType.IDI.value(), sk.firstInnerPayload());
        // AES-GCM-16: 8-octet IV, ciphertext, 16-octet ICV, all after the 4-octet generic header
        assertEquals(datagram.length - IkeHeader.LENGTH - 4, sk.body().length);
        assertArrayEquals(java.util.Arrays.copyOfRange(datagram, IkeHeader.LENGTH + 4, datagram.length), sk.body());
    }

    @Test
    void emptyInformationalResponseHasNoInnerPayload() throws IkeDecodeException {
        IkeMessage m = decode(resource("psk-informational-response"));
        assertEquals(ExchangeType.INFORMATIONAL.value(), m.header().exchangeType());
        assertTrue(m.header().response());
        assertEquals(0, ((EncryptedPayload) m.payloads().getFirst()).firstInnerPayload());
    }

    @Test
    void invalidKePayloadNamesTheGroup() throws IkeDecodeException {
        IkeMessage m = decode(resource("cert-invalid-ke-response"));
        assertEquals(0, m.header().responderSpi());
        NotifyPayload n = m.notify(NotifyType.INVALID_KE_PAYLOAD).orElseThrow();
        assertTrue(n.isError());
        assertArrayEquals(new byte[] {0, (byte) KeyExchangeMethod.MODP_2048.value()}, n.data());
        assertEquals(types(PayloadType.NOTIFY, PayloadType.VENDOR_ID), types(m.payloads()));
    }

    @Test
    void retriedRequestAndResponseWithModp2048AndCertificateRequest() throws IkeDecodeException {
        IkeMessage request = decode(resource("cert-ike-sa-init-request"));
        KeyExchangePayload ke = request.first(KeyExchangePayload.class).orElseThrow();
        assertEquals(KeyExchangeMethod.MODP_2048.value(), ke.group());
        assertEquals(256, ke.data().length);
        // strongSwan moved the proposal with the requested group to the front and renumbered
        List<Proposal> offered = request.first(SecurityAssociationPayload.class).orElseThrow().proposals();
        assertEquals(List.of(1, 2), offered.stream().map(Proposal::number).toList());
        assertEquals(CBC_MODP2048.transforms(), offered.get(0).transforms());
        assertEquals(GCM_X25519.transforms(), offered.get(1).transforms());

        IkeMessage response = decode(resource("cert-ike-sa-init-response"));
        assertEquals(0x21ccf7c2dc816d53L, response.header().responderSpi());
        assertEquals(List.of(new Proposal(1, ProtocolId.IKE.value(), new byte[0], CBC_MODP2048.transforms())),
                response.first(SecurityAssociationPayload.class).orElseThrow().proposals());
        CertificateRequestPayload certreq = response.first(CertificateRequestPayload.class).orElseThrow();
        assertEquals(CertEncoding.X509_CERTIFICATE_SIGNATURE.value(), certreq.encoding());
        assertArrayEquals(Hex.decode("86ae02a5b05f4efe78fc5fa5e82e14888ce20490"), certreq.data(), "SHA-1 of the CA's public key");
    }

    @Test
    void ikeAuthFragments() throws IkeDecodeException {
        EncryptedFragmentPayload first = decode(resource("cert-ike-auth-request-fragment-1")).first(EncryptedFragmentPayload.class).orElseThrow();
        assertEquals(1, first.fragmentNumber());
        assertEquals(3, first.totalFragments());
        assertEquals(PayloadType.IDI.value(), first.firstInnerPayload());
        assertEquals(356 - IkeHeader.LENGTH - 8, first.body().length);
        EncryptedFragmentPayload last = decode(resource("cert-ike-auth-request-fragment-3")).first(EncryptedFragmentPayload.class).orElseThrow();
        assertEquals(3, last.fragmentNumber());
        assertEquals(3, last.totalFragments());
        assertEquals(0, last.firstInnerPayload(), "only the first fragment names the inner payload (RFC 7383 §2.5)");
    }

    private static List<NotifyType> knownNotifyTypes(IkeMessage m) {
        return m.notifies().stream().map(n -> n.knownType().orElseThrow()).toList();
    }
}
