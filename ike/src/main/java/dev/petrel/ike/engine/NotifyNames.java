package dev.petrel.ike.engine;

import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.NotifyType;

/** Notify types as events name them: the registry name, or the number for types we do not know. */
final class NotifyNames {
    private NotifyNames() {}

    static String name(int notifyType) {
        return IanaValue.byValue(NotifyType.class, notifyType).map(Enum::name).orElse("notify type " + notifyType);
    }
}
