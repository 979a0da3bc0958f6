package dev.petrel.wire.ike;

import dev.petrel.wire.iana.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A transform substructure of a proposal (RFC 7296 §3.3.2): its type (ENCR, PRF, INTEG, KE, ESN), its id in that
 * type's registry, and its attributes. The numbers stay raw so that unknown transforms survive a round trip.
 */
public record TransformEntry(int type, int id, List<TransformAttribute> attributes) {
    public TransformEntry {
        Checks.u8("transform type", type);
        Checks.u16("transform id", id);
        attributes = List.copyOf(attributes);
    }

    /** A transform without attributes. */
    public static TransformEntry of(Transform transform) {
        return new TransformEntry(transform.type().value(), transform.value(), List.of());
    }

    /** A transform with a Key Length attribute, in bits (RFC 7296 §3.3.5), e.g. ENCR_AES_CBC with 256. */
    public static TransformEntry of(Transform transform, int keyLengthBits) {
        return new TransformEntry(transform.type().value(), transform.value(), List.of(TransformAttribute.keyLength(keyLengthBits)));
    }

    /** The Key Length attribute (type 14, TV) in bits, if present. */
    public OptionalInt keyLength() {
        for (TransformAttribute a : attributes) {
            if (a.type() == TransformAttribute.KEY_LENGTH && a.shortForm()) {
                return OptionalInt.of(a.shortValue());
            }
        }
        return OptionalInt.empty();
    }

    /** Decodes what follows the Transform Length field. */
    static TransformEntry decode(Reader r) throws IkeDecodeException {
        int type = r.u8("type");
        r.skip(1, "reserved");
        int id = r.u16("id");
        List<TransformAttribute> attributes = new ArrayList<>();
        while (r.remaining() > 0) {
            attributes.add(TransformAttribute.decode(r, "attribute[" + (attributes.size() + 1) + "]"));
        }
        return new TransformEntry(type, id, attributes);
    }

    /** Encodes the whole substructure, with {@code last} 0 or 3 (RFC 7296 §3.3.2). */
    void encode(Writer w, boolean last) {
        int start = w.position();
        w.u8(last ? 0 : 3);
        w.zeros(3);
        w.u8(type);
        w.zeros(1);
        w.u16(id);
        for (TransformAttribute a : attributes) {
            a.encode(w);
        }
        w.patchLength(start);
    }
}
