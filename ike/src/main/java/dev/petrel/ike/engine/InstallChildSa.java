package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SecurityProtocol;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.ike.ProtocolId;
import java.util.List;

/**
 * Install a negotiated CHILD_SA pair into the data plane (RFC 4301 §4.4.2): the inbound SA under our SPI, the
 * outbound one under the peer's, with the keys of each direction. The shell installs the inbound SA first, then
 * the outbound one, and calls {@link #destroy()} to wipe the keys it was given.
 *
 * <p>A rekeyed CHILD_SA ({@code replaces} names its predecessor by our inbound SPI) is made before the old one is
 * broken (RFC 7296 §2.8): its inbound SA takes traffic at once; its outbound SA takes over the predecessor's policy
 * at once when {@code outboundActive}, or only on a later {@link ActivateChildSa}, when the peer has shown that it
 * can receive on it. Until the predecessor is removed, its inbound SA still accepts what the peer sent before.
 *
 * @param encryption {@code ENCR_NULL} for AH
 * @param integrity {@code NONE} for the AEADs
 * @param udpEncapsulation ESP goes in UDP 4500 (RFC 3948) because a NAT was detected or forced
 * @param limits the byte and packet lifetimes the data plane counts (soft: tell the engine to rekey; hard: delete)
 * @param replaces our inbound SPI of the CHILD_SA this one rekeys, or 0
 * @param outboundActive send with this CHILD_SA now, rather than after {@link ActivateChildSa}
 */
public record InstallChildSa(long ikeSaId, String connection, String child, ProtocolId protocol, Mode mode,
        int inboundSpi, int outboundSpi, EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity,
        boolean extendedSequenceNumbers, byte[] inboundEncryptionKey, byte[] inboundIntegrityKey,
        byte[] outboundEncryptionKey, byte[] outboundIntegrityKey, List<TrafficSelector> localTs,
        List<TrafficSelector> remoteTs, Endpoint local, Endpoint remote, boolean udpEncapsulation, int replayWindow,
        LifetimeLimits limits, int replaces, boolean outboundActive) implements Action {

    public InstallChildSa {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    /** The data plane's parameters for the inbound SA (ours: traffic from the peer to us). */
    public SaParameters inbound() {
        return parameters(inboundSpi, inboundEncryptionKey, inboundIntegrityKey, replayWindow)
                .addresses(local.address(), remote.address())
                .selectors(localTs, remoteTs)
                .build();
    }

    /** The data plane's parameters for the outbound SA. */
    public SaParameters outbound() {
        return parameters(outboundSpi, outboundEncryptionKey, outboundIntegrityKey, 0)
                .addresses(local.address(), remote.address())
                .selectors(localTs, remoteTs)
                .build();
    }

    private SaParameters.Builder parameters(int spi, byte[] encryptionKey, byte[] integrityKey, int window) {
        return SaParameters.builder()
                .spi(spi)
                .protocol(protocol == ProtocolId.AH ? SecurityProtocol.AH : SecurityProtocol.ESP)
                .mode(mode)
                .extendedSequenceNumbers(extendedSequenceNumbers)
                .replayWindow(window)
                .lifetime(limits)
                .encryption(encryption, keyBits)
                .integrity(integrity);
    }

    /** Wipes the four keys. */
    public void destroy() {
        KeyMaterial.wipe(inboundEncryptionKey);
        KeyMaterial.wipe(inboundIntegrityKey);
        KeyMaterial.wipe(outboundEncryptionKey);
        KeyMaterial.wipe(outboundIntegrityKey);
    }

    @Override
    public String toString() {
        return "InstallChildSa[ike " + ikeSaId + ", " + connection + "/" + child + ", " + protocol + " " + mode + " in "
                + Spis.hex(inboundSpi) + " out " + Spis.hex(outboundSpi) + ", " + encryption
                + (keyBits > 0 ? "-" + keyBits : "") + "/" + integrity
                + (extendedSequenceNumbers ? "/ESN" : "") + ", " + localTs + " === " + remoteTs
                + (udpEncapsulation ? ", UDP-encapsulated" : "")
                + (replaces != 0 ? ", replaces " + Spis.hex(replaces) + (outboundActive ? "" : ", outbound later") : "") + "]";
    }
}
