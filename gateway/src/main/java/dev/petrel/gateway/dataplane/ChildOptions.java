package dev.petrel.gateway.dataplane;

/**
 * How the data plane treats one CHILD_SA's traffic beyond what IKE negotiated.
 *
 * @param pathMtu the MTU of the path to the peer: protected packets are kept within it
 * @param mssClamp 0 to leave TCP MSS options alone, {@link #AUTO} to clamp them to what the tunnel carries, or a
 *     limit of our own (the lower of it and the tunnel's is used)
 */
public record ChildOptions(int pathMtu, int mssClamp) {
    public static final int AUTO = Integer.MAX_VALUE;
    /** An Ethernet path and no clamping. */
    public static final ChildOptions DEFAULTS = new ChildOptions(1500, 0);

    public ChildOptions {
        if (pathMtu < 576 || pathMtu > 65_535) {
            throw new IllegalArgumentException("path MTU must be 576 to 65535, got " + pathMtu);
        }
        if (mssClamp < 0) {
            throw new IllegalArgumentException("MSS clamp must not be negative");
        }
    }
}
