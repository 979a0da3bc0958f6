package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Setting;
import java.util.function.Predicate;

/**
 * A strongSwan key Petrel honours at one value only, the behaviour Petrel has anyway: that value is accepted,
 * any other refused with {@code refusal}.
 */
record OneValue(String key, Predicate<Setting> honoured, String refusal) {
    void check(Claims claims) {
        claims.setting(key).filter(honoured.negate()).ifPresent(s -> {
            throw s.problem(refusal);
        });
    }
}
