package dev.petrel.testkit.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StrongSwanSettingsTest {
    @Test
    void dottedKeysBecomeNestedSections() {
        String conf = StrongSwanSettings.render(Map.of(
                "charon.cookie_threshold", "5",
                "charon.plugins.kernel-libipsec.allow_peer_ts", "yes",
                "charon.send_vendor_id", "yes",
                "charon.plugins.vici.socket", "unix:///run/x.vici",
                "swanctl.load", "random \"quoted\" \\"));
        assertEquals("""
                charon {
                  cookie_threshold = "5"
                  plugins {
                    kernel-libipsec {
                      allow_peer_ts = "yes"
                    }
                    vici {
                      socket = "unix:///run/x.vici"
                    }
                  }
                  send_vendor_id = "yes"
                }
                swanctl {
                  load = "random \\"quoted\\" \\\\"
                }
                """, conf);
    }

    @Test
    void nothingRendersNothing() {
        assertEquals("", StrongSwanSettings.render(Map.of()));
    }

    @Test
    void badKeysAndValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StrongSwanSettings.render(Map.of("charon..x", "1")));
        assertThrows(IllegalArgumentException.class, () -> StrongSwanSettings.render(Map.of("charon { x", "1")));
        assertThrows(IllegalArgumentException.class, () -> StrongSwanSettings.render(Map.of("charon.x", "1\n}")));
    }
}
