package dev.petrel.esp.sa;

import dev.petrel.crypto.Transforms;
import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.replay.ReplayWindow;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * What one SA is (RFC 4301 §4.4.2.1), without its keys: SPI, protocol, mode, algorithms, ESN, replay window,
 * lifetimes, the IP addresses of this end and the peer, and the traffic selectors of this end (local) and the
 * peer's (remote). "Local" and "remote" mean the same for both SAs of a pair; the destination of an inbound SA
 * is the local address, of an outbound SA the remote one. In tunnel mode the two addresses are the outer header's.
 *
 * @param encryptionKeyBits the key length for algorithms with a Key Length attribute (AES), else 0
 * @param integrity {@link IntegrityAlgorithm#NONE} for the AEADs
 * @param replayWindow packets, 0 to turn anti-replay off (inbound only)
 * @param copyDscp tunnel mode: copy the inner packet's DSCP to the outer header (RFC 4301 §5.1.2.1), else 0
 */
public record SaParameters(int spi, SecurityProtocol protocol, Mode mode, EncryptionAlgorithm encryption,
                           int encryptionKeyBits, IntegrityAlgorithm integrity, boolean extendedSequenceNumbers,
                           int replayWindow, LifetimeLimits lifetime, InetAddress localAddress, InetAddress remoteAddress,
                           List<TrafficSelector> localSelectors, List<TrafficSelector> remoteSelectors, boolean copyDscp) {
    public SaParameters {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        if (Integer.compareUnsigned(spi, 255) <= 0) {
            // RFC 4303 §2.1: 1-255 are reserved by IANA, 0 is for local use and never sent.
            throw new IllegalArgumentException("SPI " + Integer.toUnsignedString(spi) + " is reserved");
        }
        if (localAddress.getAddress().length != remoteAddress.getAddress().length) {
            throw new IllegalArgumentException("local and remote addresses must be of one family");
        }
        if (replayWindow < 0 || replayWindow > ReplayWindow.MAX_SIZE) {
            throw new IllegalArgumentException("replay window must be 0 to " + ReplayWindow.MAX_SIZE + ", got " + replayWindow);
        }
        checkAlgorithms(protocol, encryption, encryptionKeyBits, integrity);
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
    }

    private static void checkAlgorithms(SecurityProtocol protocol, EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
        if (protocol == SecurityProtocol.AH) {
            if (encryption != EncryptionAlgorithm.ENCR_NULL || integrity == IntegrityAlgorithm.NONE) {
                throw new IllegalArgumentException("an AH SA has an integrity algorithm and no encryption");
            }
        } else if (encryption.isAead() != (integrity == IntegrityAlgorithm.NONE)) {
            // RFC 8221 §5: an AEAD takes no integrity transform; anything else needs one (no confidentiality-only ESP).
            throw new IllegalArgumentException(encryption.isAead()
                    ? encryption + " takes no separate integrity algorithm" : encryption + " needs an integrity algorithm");
        }
        if (!Transforms.implemented(encryption) || !Transforms.implemented(integrity) && integrity != IntegrityAlgorithm.NONE) {
            throw new IllegalArgumentException(encryption + " with " + integrity + " is not implemented");
        }
        if (encryption.hasKeyLengthAttribute() ? !encryption.acceptsKeyBits(keyBits) : keyBits != 0) {
            throw new IllegalArgumentException(encryption + " does not take a " + keyBits + "-bit key length");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy with another SPI, e.g. for the other SA of a pair. */
    public SaParameters withSpi(int newSpi) {
        return new SaParameters(newSpi, protocol, mode, encryption, encryptionKeyBits, integrity, extendedSequenceNumbers,
                replayWindow, lifetime, localAddress, remoteAddress, localSelectors, remoteSelectors, copyDscp);
    }

    /** The peer's view of this SA: the same SA with local and remote swapped. */
    public SaParameters mirrored() {
        return new SaParameters(spi, protocol, mode, encryption, encryptionKeyBits, integrity, extendedSequenceNumbers,
                replayWindow, lifetime, remoteAddress, localAddress, remoteSelectors, localSelectors, copyDscp);
    }

    /** Octets of encryption keying material the SA takes (RFC 7296 §2.17). */
    public int encryptionKeyLength() {
        return Transforms.keyMaterialLength(encryption, encryptionKeyBits);
    }

    /** Octets of integrity key the SA takes. */
    public int integrityKeyLength() {
        return integrity.keyLength();
    }

    /** Builds {@link SaParameters}; defaults: ESP, tunnel, replay window 64, no lifetime limits, any selectors, no DSCP copy. */
    public static final class Builder {
        private int spi;
        private SecurityProtocol protocol = SecurityProtocol.ESP;
        private Mode mode = Mode.TUNNEL;
        private EncryptionAlgorithm encryption;
        private int encryptionKeyBits;
        private IntegrityAlgorithm integrity = IntegrityAlgorithm.NONE;
        private boolean esn;
        private int replayWindow = 64;
        private LifetimeLimits lifetime = LifetimeLimits.NONE;
        private InetAddress local;
        private InetAddress remote;
        private List<TrafficSelector> localSelectors;
        private List<TrafficSelector> remoteSelectors;
        private boolean copyDscp;

        private Builder() {}

        public Builder spi(int spi) {
            this.spi = spi;
            return this;
        }

        public Builder protocol(SecurityProtocol protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder encryption(EncryptionAlgorithm encryption, int keyBits) {
            this.encryption = encryption;
            this.encryptionKeyBits = keyBits;
            return this;
        }

        public Builder integrity(IntegrityAlgorithm integrity) {
            this.integrity = integrity;
            return this;
        }

        public Builder extendedSequenceNumbers(boolean esn) {
            this.esn = esn;
            return this;
        }

        public Builder replayWindow(int packets) {
            this.replayWindow = packets;
            return this;
        }

        public Builder lifetime(LifetimeLimits lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder addresses(InetAddress local, InetAddress remote) {
            this.local = local;
            this.remote = remote;
            return this;
        }

        public Builder selectors(List<TrafficSelector> local, List<TrafficSelector> remote) {
            this.localSelectors = local;
            this.remoteSelectors = remote;
            return this;
        }

        public Builder copyDscp(boolean copy) {
            this.copyDscp = copy;
            return this;
        }

        /** Without explicit selectors, both sides are "any" of both families. */
        public SaParameters build() {
            List<TrafficSelector> any = List.of(TrafficSelector.any(false), TrafficSelector.any(true));
            return new SaParameters(spi, protocol, mode, encryption, encryptionKeyBits, integrity, esn, replayWindow, lifetime,
                    local, remote, localSelectors == null ? any : localSelectors, remoteSelectors == null ? any : remoteSelectors, copyDscp);
        }
    }
}
