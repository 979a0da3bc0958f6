package dev.petrel.gateway.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpiTableTest {
    /** Random puts and removes, with colliding SPIs among them, agree with a HashMap after every step. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void behavesLikeAMap(long seed) {
        Random random = new Random(seed);
        SpiTable<String> table = new SpiTable<>();
        Map<Integer, String> model = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            // few distinct SPIs, many of them in one probe run: multiples of 65536 share the hash's low bits often
            int spi = random.nextBoolean() ? random.nextInt(64) << 16 : random.nextInt();
            if (random.nextInt(3) == 0) {
                assertEquals(model.remove(spi), table.remove(spi), "remove " + spi + " at step " + step);
            } else {
                String value = "v" + step;
                model.put(spi, value);
                table.put(spi, value);
            }
            assertEquals(model.size(), table.size());
        }
        for (Map.Entry<Integer, String> e : model.entrySet()) {
            assertEquals(e.getValue(), table.get(e.getKey()));
        }
        for (int i = 0; i < 1000; i++) {
            int absent = random.nextInt();
            if (!model.containsKey(absent)) {
                assertNull(table.get(absent));
            }
        }
    }
}
