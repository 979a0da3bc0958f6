package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.testkit.netns.TestNetwork;
import java.io.IOException;
import java.util.List;

/**
 * The test networks of the end-to-end classes, which run at the same time (each has its own network): the last class
 * to close its network checks that this JVM left no namespace at all ({@link TestNetwork#leftovers()}), the others
 * that their own are gone.
 */
final class Networks {
    private static int open;

    private Networks() {}

    /**
     * One open network with namespaces named {@code prefix}..., counted from {@link #count} until closed. Close it after
     * the network itself (first in a try-with-resources header): it checks that the network's namespaces are gone, and
     * all of this JVM's once no network is open.
     */
    record Counted(String prefix) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            List<String> left;
            synchronized (Networks.class) {
                open--;
                left = open == 0 ? TestNetwork.leftovers() : Listings.leftovers(prefix);
            }
            assertEquals(List.of(), left, "namespaces left behind");
        }
    }

    /** Counts a network about to be made with {@code prefix} (a road-warrior network, say). */
    static synchronized Counted count(String prefix) {
        open++;
        return new Counted(prefix);
    }

    /** A network whose namespace names start with {@code prefix}; close it with {@link #close}. */
    static synchronized TestNetwork create(String prefix) throws IOException {
        TestNetwork network = TestNetwork.create(prefix);
        open++;
        return network;
    }

    /**
     * Closes {@code network} (made with {@code prefix}; null when the class was skipped before it had one) and asserts
     * that nothing of it, or of any network of this JVM once none is open, is left.
     */
    static void close(TestNetwork network, String prefix) throws IOException {
        if (network == null) {
            return;
        }
        try (Counted counted = new Counted(prefix)) {
            network.close();
        }
    }
}
