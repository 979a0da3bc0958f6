package dev.petrel.gateway.config;

import dev.petrel.ike.config.ChildConfig;
import java.util.Objects;

/**
 * One child of a connection (swanctl's {@code children.NAME}): what the engine negotiates and how long it lives, and
 * what the gateway does around it.
 *
 * @param config the engine's view: traffic selectors, proposals, mode, replay window, lifetime, dpd and close actions
 */
public record Child(ChildConfig config, StartAction startAction, MssClamp mssClamp) {
    public Child {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(startAction, "startAction");
        Objects.requireNonNull(mssClamp, "mssClamp");
    }

    public String name() {
        return config.name();
    }
}
