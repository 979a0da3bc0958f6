package dev.petrel.gateway.config;

import dev.petrel.ike.config.ChildConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * One child of a connection (swanctl's {@code children.NAME}): what the engine negotiates, and what the gateway
 * does around it. A zero duration means never.
 *
 * @param config the engine's view: traffic selectors, ESP proposals, mode, replay window
 * @param rekeyTime when the gateway rekeys the CHILD_SA ({@code rekey_time}, 1 h by default)
 * @param lifeTime when the CHILD_SA dies if it was not rekeyed ({@code life_time}, rekey_time + 10 % by default)
 */
public record Child(ChildConfig config, StartAction startAction, Duration rekeyTime, Duration lifeTime,
        MssClamp mssClamp) {
    public Child {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(startAction, "startAction");
        Objects.requireNonNull(mssClamp, "mssClamp");
        if (rekeyTime.isNegative() || lifeTime.isNegative()) {
            throw new IllegalArgumentException("child " + config.name() + ": negative rekey or life time");
        }
    }

    public String name() {
        return config.name();
    }
}
