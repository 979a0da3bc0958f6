package dev.petrel.testkit.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.testkit.interop.StrongSwanPeer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that makes network namespaces: it is skipped, loudly, where they cannot be made (or, with
 * {@link #strongSwan()}, where strongSwan cannot run), and it fails if it leaves one behind.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(UsesNamespaces.Check.class)
public @interface UsesNamespaces {
    /** The class also runs strongSwan's charon. */
    boolean strongSwan() default false;

    /** Skips before the class, counts leftovers after it. */
    final class Check implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            boolean strongSwan = context.getRequiredTestClass().getAnnotation(UsesNamespaces.class).strongSwan();
            if (strongSwan) {
                StrongSwanPeer.assumeAvailable();
            } else {
                TestNetwork.assumeAvailable();
            }
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            assertEquals(List.of(), TestNetwork.leftovers(), "namespaces left behind");
        }
    }
}
