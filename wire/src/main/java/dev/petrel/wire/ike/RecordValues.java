package dev.petrel.wire.ike;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Value-based {@code equals}, {@code hashCode} and {@code toString} for the records that hold byte arrays: arrays
 * compare by content, and print as their length only, since they may be secret (nonces, key exchange data, AUTH,
 * EAP, ciphertext).
 */
final class RecordValues {
    private RecordValues() {}

    static boolean equal(Record a, Object o) {
        if (a == o) {
            return true;
        }
        if (o == null || a.getClass() != o.getClass()) {
            return false;
        }
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            if (!Objects.deepEquals(get(c, a), get(c, (Record) o))) {
                return false;
            }
        }
        return true;
    }

    static int hash(Record r) {
        int h = r.getClass().hashCode();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = get(c, r);
            h = 31 * h + (v instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(v));
        }
        return h;
    }

    static String toString(Record r) {
        StringJoiner s = new StringJoiner(", ", r.getClass().getSimpleName() + "[", "]");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = get(c, r);
            s.add(c.getName() + "=" + (v instanceof byte[] b ? b.length + " octets" : v));
        }
        return s.toString();
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
