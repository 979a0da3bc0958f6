package dev.petrel.wire.iana;

import java.util.Optional;

/** A value from an IANA IKEv2 registry, identified on the wire by its number. */
public interface IanaValue {
    int value();

    /** The registry's name for the value, e.g. {@code ENCR_AES_GCM_16}. */
    String name();

    /** Looks up a registry value by its number. */
    static <E extends Enum<E> & IanaValue> Optional<E> byValue(Class<E> registry, int value) {
        for (E e : registry.getEnumConstants()) {
            if (e.value() == value) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
