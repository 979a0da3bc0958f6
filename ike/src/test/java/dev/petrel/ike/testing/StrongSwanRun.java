package dev.petrel.ike.testing;

import dev.petrel.crypto.Transforms;
import dev.petrel.ike.keys.IkeSaKeys;
import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.protect.SkProtectionException;
import dev.petrel.testkit.pcap.PcapReader;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A strongSwan 5.9 IKE SA recorded by {@code interop/strongswan-ike-capture.sh} and stored as test resources
 * ({@code dev/petrel/ike/interop/PROPOSAL/}): {@code capture.pcap}, the IKE datagrams of IKE_SA_INIT, IKE_AUTH, an
 * IKE SA rekey and the INFORMATIONAL exchanges around it; {@code keys.properties}, what the initiator's charon
 * printed at log level 4 (g^ir, SKEYSEED and SK_* of the first and the rekeyed IKE SA, the CHILD_SA keys) and the
 * harness's test-only PSK. Datagrams on UDP 4500 lose their 4-octet non-ESP marker (RFC 3948 §2.2) here, so that
 * every message starts with the IKE header.
 */
public enum StrongSwanRun {
    /** IKE aes128gcm16-prfsha256-x25519, ESP aes128gcm16. */
    GCM("aes128gcm16-prfsha256-x25519",
            new IkeSuite(EncryptionAlgorithm.ENCR_AES_GCM_16, 128, PseudorandomFunction.PRF_HMAC_SHA2_256, null,
                    KeyExchangeMethod.CURVE25519),
            Transforms.keyMaterialLength(EncryptionAlgorithm.ENCR_AES_GCM_16, 128), 0),
    /** IKE aes256-sha256-modp3072, ESP aes256-sha256. */
    CBC("aes256-sha256-modp3072",
            new IkeSuite(EncryptionAlgorithm.ENCR_AES_CBC, 256, PseudorandomFunction.PRF_HMAC_SHA2_256,
                    IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, KeyExchangeMethod.MODP_3072),
            Transforms.keyMaterialLength(EncryptionAlgorithm.ENCR_AES_CBC, 256),
            IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128.keyLength()),
    /**
     * IKE aes128-aesxcbc-prfaesxcbc-ecp256 (the fixed-key PRF whose SKEYSEED takes 64 bits of each nonce, RFC 7296
     * §2.14), ESP aes128-sha1. Its capture ends with an INFORMATIONAL exchange on the rekeyed SA.
     */
    XCBC("aes128-aesxcbc-prfaesxcbc-ecp256",
            new IkeSuite(EncryptionAlgorithm.ENCR_AES_CBC, 128, PseudorandomFunction.PRF_AES128_XCBC,
                    IntegrityAlgorithm.AUTH_AES_XCBC_96, KeyExchangeMethod.ECP_256),
            Transforms.keyMaterialLength(EncryptionAlgorithm.ENCR_AES_CBC, 128),
            IntegrityAlgorithm.AUTH_HMAC_SHA1_96.keyLength());

    private static final int IKE_PORT_NAT = 4500;

    private final String proposal;
    private final IkeSuite suite;
    private final int childEncryptionKeyLength;
    private final int childIntegrityKeyLength;
    private final Properties keys = new Properties();
    private final List<byte[]> messages = new ArrayList<>();

    StrongSwanRun(String proposal, IkeSuite suite, int childEncryptionKeyLength, int childIntegrityKeyLength) {
        this.proposal = proposal;
        this.suite = suite;
        this.childEncryptionKeyLength = childEncryptionKeyLength;
        this.childIntegrityKeyLength = childIntegrityKeyLength;
        try (InputStream in = resource("keys.properties").openStream()) {
            keys.load(in);
            for (byte[] ip : PcapReader.ipPackets(Path.of(resource("capture.pcap").toURI()))) {
                messages.add(ikeMessage(ip));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private URL resource(String name) {
        String path = "/dev/petrel/ike/interop/" + proposal + "/" + name;
        URL url = StrongSwanRun.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("test resource " + path + " is missing");
        }
        return url;
    }

    /** The IKE message of an IPv4/UDP packet, without the non-ESP marker on port 4500. */
    private static byte[] ikeMessage(byte[] ip) {
        int udp = (ip[0] & 0x0f) * 4;
        int offset = udp + 8;
        if (IkePayloads.u16(ip, udp + 2) == IKE_PORT_NAT) {
            if (ip[offset] != 0 || ip[offset + 1] != 0 || ip[offset + 2] != 0 || ip[offset + 3] != 0) {
                throw new IllegalStateException("a datagram on UDP 4500 without the non-ESP marker");
            }
            offset += 4;
        }
        return Arrays.copyOfRange(ip, offset, ip.length);
    }

    public IkeSuite suite() {
        return suite;
    }

    public int childEncryptionKeyLength() {
        return childEncryptionKeyLength;
    }

    public int childIntegrityKeyLength() {
        return childIntegrityKeyLength;
    }

    /** A value charon printed, e.g. {@code SK_d.1}; empty when it printed none (SK_ai with an AEAD). */
    public byte[] key(String name) {
        String hex = keys.getProperty(name);
        return hex == null ? new byte[0] : Hex.decode(hex);
    }

    /** The harness's test-only pre-shared key. */
    public byte[] psk() {
        return keys.getProperty("psk").getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of the first message of this exchange type that is a request or a response. */
    public byte[] message(int exchangeType, boolean response) {
        return messages.stream()
                .filter(m -> IkePayloads.exchangeType(m) == exchangeType && IkePayloads.isResponse(m) == response)
                .findFirst().orElseThrow(() -> new AssertionError(proposal + ": no exchange " + exchangeType)).clone();
    }

    /** The first IKE SA, keyed from IKE_SA_INIT and charon's first g^ir. */
    public KeyedSa firstSa() {
        byte[] request = message(IkePayloads.IKE_SA_INIT, false);
        byte[] response = message(IkePayloads.IKE_SA_INIT, true);
        byte[] ni = IkePayloads.find(IkePayloads.payloads(request), IkePayloads.NONCE).body();
        byte[] nr = IkePayloads.find(IkePayloads.payloads(response), IkePayloads.NONCE).body();
        long spiI = IkePayloads.spiI(response);
        long spiR = IkePayloads.spiR(response);
        return KeyedSa.of(suite, ni, nr, spiI, spiR, IkeSaKeys.derive(suite, key("g_ir.1"), ni, nr, spiI, spiR));
    }

    /**
     * The IKE SA that replaced the first one (RFC 7296 §2.18): the CREATE_CHILD_SA request and response, opened with
     * the first SA's keys, give the nonces and the new SPIs; charon's second g^ir the shared secret.
     */
    public KeyedSa rekeyedSa() throws SkProtectionException {
        KeyedSa old = firstSa();
        List<IkePayloads.Payload> request = IkePayloads.open(old.responder(), message(IkePayloads.CREATE_CHILD_SA, false));
        List<IkePayloads.Payload> response = IkePayloads.open(old.initiator(), message(IkePayloads.CREATE_CHILD_SA, true));
        byte[] ni = IkePayloads.find(request, IkePayloads.NONCE).body();
        byte[] nr = IkePayloads.find(response, IkePayloads.NONCE).body();
        long spiI = IkePayloads.firstProposalSpi(IkePayloads.find(request, IkePayloads.SA).body());
        long spiR = IkePayloads.firstProposalSpi(IkePayloads.find(response, IkePayloads.SA).body());
        IkeSaKeys keys = IkeSaKeys.deriveRekeyed(suite, suite.prf(), old.keys().skD(), key("g_ir.2"), ni, nr, spiI, spiR);
        return KeyedSa.of(suite, ni, nr, spiI, spiR, keys);
    }

    /** Copies of every message after IKE_SA_INIT, each with an SK payload. */
    public List<byte[]> protectedMessages() {
        return messages.stream().filter(m -> IkePayloads.exchangeType(m) != IkePayloads.IKE_SA_INIT).map(byte[]::clone).toList();
    }

    @Override
    public String toString() {
        return proposal;
    }
}
