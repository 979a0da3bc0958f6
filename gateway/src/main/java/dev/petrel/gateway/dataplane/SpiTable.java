package dev.petrel.gateway.dataplane;

import java.util.Arrays;

/**
 * Inbound SAs by SPI alone, which identifies a unicast SA because our engine never hands out one SPI twice
 * (RFC 4301 §4.1). Open addressing with linear probing and backward-shift deletion, so that a lookup allocates
 * nothing and no tombstones build up. Confined to the inbound worker.
 */
final class SpiTable<T> {
    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    @SuppressWarnings("unchecked")
    T get(int spi) {
        int mask = keys.length - 1;
        for (int i = slot(spi, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == spi) {
                return (T) values[i];
            }
        }
        return null;
    }

    /** Adds or replaces the value for {@code spi}. */
    void put(int spi, T value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(spi, mask);
        while (values[i] != null && keys[i] != spi) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = spi;
        values[i] = value;
    }

    /** Removes and returns the value for {@code spi}, or null. */
    @SuppressWarnings("unchecked")
    T remove(int spi) {
        int mask = keys.length - 1;
        int i = slot(spi, mask);
        while (values[i] != null && keys[i] != spi) {
            i = (i + 1) & mask;
        }
        T removed = (T) values[i];
        if (removed == null) {
            return null;
        }
        values[i] = null;
        // Backward shift: an entry later in the run moves into the gap when its home slot is not after the gap.
        int gap = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            if (((j - slot(keys[j], mask)) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                values[j] = null;
                gap = j;
            }
        }
        size--;
        return removed;
    }

    int size() {
        return size;
    }

    /** Every value, for shutdown. */
    @SuppressWarnings("unchecked")
    Iterable<T> values() {
        return Arrays.stream(values).filter(v -> v != null).map(v -> (T) v).toList();
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                T v = (T) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    private static int slot(int spi, int mask) {
        return (spi * 0x9e3779b9 >>> 16) & mask;
    }
}
