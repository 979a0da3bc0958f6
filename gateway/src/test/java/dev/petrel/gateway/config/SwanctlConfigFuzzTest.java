package dev.petrel.gateway.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.gateway.config.swanctl.SwanctlConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The settings parser and the swanctl mapper fed arbitrary text: a {@link ConfigException} is the only thing that
 * may come out. Without JAZZER_FUZZ=1, {@link #anyText} replays its seeds
 * ({@code SwanctlConfigFuzzTestInputs/anyText}); {@code bin/fuzz Swanctl} fuzzes it. {@link #mutatedConfigsRegression}
 * runs 5,000 seeded mutations of a configuration that uses every supported key in every build.
 */
class SwanctlConfigFuzzTest {
    /** Includes resolve against a folder that does not exist. */
    private static final Path FILE = Path.of("/nonexistent/petrel-fuzz/swanctl.conf");
    private static final String GENUINE = """
            connections {
              home {
                version = 2
                local_addrs = 2001:db8::1
                remote_addrs = 2001:db8::2
                local_port = 4500
                proposals = aes256gcm16-prfsha384-ecp384, default
                encap = yes
                dpd_delay = 30s
                rekey_time = 4h
                mobike = no
                local {
                  auth = psk
                  id = gw.example.com
                }
                remote {
                  auth = psk
                  id = *.example.com
                }
                children {
                  net {
                    local_ts = 2001:db8:1::/48, dynamic[tcp/22]
                    remote_ts = 2001:db8:2::1-2001:db8:2::9[udp/1024-65535]
                    esp_proposals = aes128gcm16-x25519-esn
                    mode = transport
                    start_action = start
                    replay_window = 64
                    life_time = 2h
                    mss_clamp = 1360
                  }
                }
              }
            }
            secrets {
              ike-home {
                id-a = gw.example.com
                id-b = "peer.example.com"
                secret = 0sZnV6ei1zZWNyZXQ=
              }
            }
            pools {
              rw {
                addrs = 10.3.0.0/28, 2001:db8:3::/120, 10.4.0.1-10.4.0.9
                dns = 192.0.2.53, 2001:db8::53
                subnet = 198.51.100.0/24, 2001:db8:1::/48
              }
            }
            include conf.d/*.conf
            """;
    private static final String SPECIAL = "{}=\"#\\\n ,-/[]*:.%0x";

    @FuzzTest(maxDuration = "30s")
    void anyText(byte[] input) {
        run(new String(input, StandardCharsets.UTF_8));
    }

    @Test
    void mutatedConfigsRegression() {
        Random random = new Random(4301);
        for (int n = 0; n < 5_000; n++) {
            run(mutated(random));
        }
    }

    private static void run(String text) {
        try {
            SwanctlConfig.parse(text, FILE);
        } catch (ConfigException expected) {
            // the one way to refuse
        }
    }

    /** {@link #GENUINE} with one to four characters deleted, inserted (often a special one) or replaced. */
    private static String mutated(Random random) {
        StringBuilder text = new StringBuilder(GENUINE);
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
            int at = random.nextInt(text.length());
            char c = random.nextBoolean() ? SPECIAL.charAt(random.nextInt(SPECIAL.length()))
                    : (char) (' ' + random.nextInt(95));
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, c);
                default -> text.setCharAt(at, c);
            }
        }
        return text.toString();
    }
}
