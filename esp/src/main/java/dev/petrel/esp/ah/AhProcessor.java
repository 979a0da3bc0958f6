package dev.petrel.esp.ah;

import dev.petrel.crypto.integrity.Integrity;

/**
 * What {@link AhInbound} and {@link AhOutbound} share: the SA's integrity transform, SPI, ESN flag and mode, the
 * reused layout and ICV-input cursors, and where the last packet processed with {@link AhStatus#OK} lies. Not
 * thread-safe: one instance per SA direction.
 */
abstract sealed class AhProcessor permits AhInbound, AhOutbound {
    final Integrity integrity;
    final int spi;
    final boolean esn;
    final boolean tunnel;
    final AhLayout layout = new AhLayout();
    final IcvInput icvInput = new IcvInput();
    int packetOffset;
    int packetLength;

    /** {@code integrity} is owned by this object from now on and wiped in {@link #destroy()}. */
    AhProcessor(Integrity integrity, int spi, boolean esn, AhMode mode) {
        this.integrity = integrity;
        this.spi = spi;
        this.esn = esn;
        this.tunnel = mode instanceof AhMode.Tunnel;
    }

    /** Parses the IP header of the packet {@code buf[off, off+len)} into {@link #layout} and finds AH behind it. */
    final AhStatus findAh(byte[] buf, int off, int len) {
        AhStatus s = layout.parseIp(buf, off, len);
        return s == AhStatus.OK ? layout.findAh(buf) : s;
    }

    /** Feeds the ICV input of the packet in {@link #layout}, whose AH is {@code ahLength} octets, to the transform. */
    final void feedIcv(byte[] buf, int ahLength, int sequenceNumberHigh) {
        icvInput.feed(integrity, buf, layout, ahLength, integrity.icvLength(), esn, sequenceNumberHigh);
    }

    /** Offset of the resulting packet (protected, or with AH removed) after a call returned {@link AhStatus#OK}. */
    public final int packetOffset() {
        return packetOffset;
    }

    /** Length of the resulting packet (protected, or with AH removed) after a call returned {@link AhStatus#OK}. */
    public final int packetLength() {
        return packetLength;
    }

    /** Wipes the integrity key when the SA dies; the object is unusable afterwards. */
    public final void destroy() {
        integrity.destroy();
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[spi=" + Integer.toUnsignedString(spi, 16) + ", " + integrity + (esn ? ", esn" : "")
                + (tunnel ? ", tunnel" : ", transport") + "]";
    }
}
