package dev.petrel.ike.engine;

/** How SPIs are written in logs and events: as swanctl writes them. */
public final class Spis {
    private Spis() {}

    public static String hex(int spi) {
        return String.format("%08x", spi);
    }

    public static String hex(long spi) {
        return String.format("%016x", spi);
    }
}
