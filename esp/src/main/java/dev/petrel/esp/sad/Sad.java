package dev.petrel.esp.sad;

import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SecurityAssociation;
import java.util.Arrays;

/**
 * The Security Association Database (RFC 4301 §4.4.2): SAs keyed by (SPI, destination address, protocol), as
 * RFC 4301 §4.1 keys unicast SAs. A hash table on the 32-bit SPI whose chains are checked for destination and
 * protocol, so that a lookup allocates nothing. Removing an SA destroys it. Not thread-safe: the gateway changes
 * it from the thread that processes packets, or guards it.
 */
public final class Sad {
    private static final int INITIAL_CAPACITY = 16;

    private Entry[] table = new Entry[INITIAL_CAPACITY];
    private int size;

    private static final class Entry {
        final SecurityAssociation sa;
        final int spi;
        final int protocol;
        Entry next;

        Entry(SecurityAssociation sa, Entry next) {
            this.sa = sa;
            this.spi = sa.parameters().spi();
            this.protocol = sa.parameters().protocol().number();
            this.next = next;
        }

        boolean matches(int spi, byte[] destination, int off, int len, int protocol) {
            return this.spi == spi && this.protocol == protocol && sa.hasDestination(destination, off, len);
        }
    }

    /**
     * Adds {@code sa}.
     *
     * @throws IllegalArgumentException when an SA with the same SPI, destination and protocol is present
     */
    public void add(SecurityAssociation sa) {
        SaParameters p = sa.parameters();
        byte[] destination = sa.destination().getAddress();
        if (lookup(p.spi(), destination, 0, destination.length, p.protocol().number()) != null) {
            throw new IllegalArgumentException("an SA with SPI 0x" + Integer.toHexString(p.spi()) + " and this destination is present");
        }
        if (size >= table.length * 3 / 4) {
            grow();
        }
        int i = index(p.spi(), table.length);
        table[i] = new Entry(sa, table[i]);
        size++;
    }

    /** The SA for (SPI, destination, protocol), or null. Allocates nothing. */
    public SecurityAssociation lookup(int spi, byte[] destination, int off, int len, int protocol) {
        for (Entry e = table[index(spi, table.length)]; e != null; e = e.next) {
            if (e.matches(spi, destination, off, len, protocol)) {
                return e.sa;
            }
        }
        return null;
    }

    /**
     * Removes and destroys the SA for (SPI, destination, protocol).
     *
     * @return true when there was one
     */
    public boolean remove(int spi, byte[] destination, int off, int len, int protocol) {
        int i = index(spi, table.length);
        Entry previous = null;
        for (Entry e = table[i]; e != null; previous = e, e = e.next) {
            if (e.matches(spi, destination, off, len, protocol)) {
                if (previous == null) {
                    table[i] = e.next;
                } else {
                    previous.next = e.next;
                }
                size--;
                e.sa.destroy();
                return true;
            }
        }
        return false;
    }

    public int size() {
        return size;
    }

    /** Removes and destroys every SA. */
    public void clear() {
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                e.sa.destroy();
            }
        }
        Arrays.fill(table, null);
        size = 0;
    }

    private void grow() {
        Entry[] bigger = new Entry[table.length * 2];
        for (Entry head : table) {
            for (Entry e = head; e != null; ) {
                Entry next = e.next;
                int i = index(e.spi, bigger.length);
                e.next = bigger[i];
                bigger[i] = e;
                e = next;
            }
        }
        table = bigger;
    }

    /** SPIs are random or sequential; a multiplicative hash spreads both. */
    private static int index(int spi, int capacity) {
        return (spi * 0x9e3779b9) >>> (32 - Integer.numberOfTrailingZeros(capacity));
    }
}
