package dev.petrel.testkit.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing {@code swanctl --list-sas --pretty} as strongSwan 5.9.8 prints it (the responder side of the psk case). */
class SwanctlIkeSaTest {
    private static final String LISTING = """
            list-sa event {
              petrel {
                uniqueid = 1
                version = 2
                state = ESTABLISHED
                local-host = 192.0.2.2
                local-port = 4500
                local-id = right.petrel.test
                remote-host = 192.0.2.1
                remote-port = 4500
                remote-id = left.petrel.test
                initiator-spi = 024bf7399c9f77f0
                responder-spi = f4c739209d2f85f0
                nat-remote = yes
                encr-alg = AES_CBC
                encr-keysize = 256
                integ-alg = HMAC_SHA2_256_128
                prf-alg = PRF_HMAC_SHA2_256
                dh-group = MODP_2048
                established = 0
                child-sas {
                  net-1 {
                    name = net
                    uniqueid = 1
                    reqid = 1
                    state = INSTALLED
                    mode = TUNNEL
                    protocol = ESP
                    encap = yes
                    spi-in = c0501351
                    spi-out = b08939a5
                    encr-alg = AES_GCM_16
                    encr-keysize = 128
                    local-ts = [
                      203.0.113.0/24
                    ]
                    remote-ts = [
                      198.51.100.0/24
                      2001:db8:1::/48
                    ]
                  }
                }
              }
            }
            list-sas reply {
            }
            """;

    @Test
    void parsesIkeAndChildSas() {
        SwanctlIkeSa ike = SwanctlIkeSa.parseList(LISTING).getFirst();
        assertEquals("petrel", ike.name());
        assertEquals("ESTABLISHED", ike.state());
        assertEquals(false, ike.initiator());
        assertEquals(0x024bf7399c9f77f0L, ike.initiatorSpi());
        assertEquals(0xf4c739209d2f85f0L, ike.localSpi());
        assertEquals(ike.initiatorSpi(), ike.remoteSpi());
        assertEquals(List.of("AES_CBC", "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "MODP_2048"),
                List.of(ike.encryption(), ike.integrity(), ike.prf(), ike.dhGroup()));
        assertEquals(256, ike.encryptionKeySize());
        assertEquals("right.petrel.test", ike.attributes().get("local-id"));

        SwanctlChildSa child = ike.children().getFirst();
        assertEquals(List.of("net", "INSTALLED", "TUNNEL", "ESP", "AES_GCM_16", ""),
                List.of(child.name(), child.state(), child.mode(), child.protocol(), child.encryption(), child.integrity()));
        assertEquals(0xc0501351L, child.spiIn());
        assertEquals(0xb08939a5L, child.spiOut());
        assertEquals(List.of("203.0.113.0/24"), child.localTs());
        assertEquals(List.of("198.51.100.0/24", "2001:db8:1::/48"), child.remoteTs());
        assertEquals("yes", child.attributes().get("encap"));
    }

    /** The listing with a virtual IP assigned to the peer, placed as strongSwan 5.9.8 lists it for a road warrior. */
    private static final String GATEWAY_LISTING = LISTING.replace("    child-sas {\n",
            "    remote-vips = [\n      10.3.0.3\n    ]\n    child-sas {\n");

    @Test
    void virtualIpsAreListedPerSide() {
        SwanctlIkeSa gateway = SwanctlIkeSa.parseList(GATEWAY_LISTING).getFirst();
        assertEquals(List.of(), gateway.localVirtualIps());
        assertEquals(List.of("10.3.0.3"), gateway.remoteVirtualIps());
        assertEquals(1, gateway.children().size());
        SwanctlIkeSa client = SwanctlIkeSa.parseList(GATEWAY_LISTING.replace("remote-vips", "local-vips")).getFirst();
        assertEquals(List.of("10.3.0.3"), client.localVirtualIps());
        assertEquals(List.of(), client.remoteVirtualIps());
        assertEquals(List.of(), SwanctlIkeSa.parseList(LISTING).getFirst().localVirtualIps());
    }

    @Test
    void noSasIsAnEmptyList() {
        assertTrue(SwanctlIkeSa.parseList("list-sas reply {\n}\n").isEmpty());
    }

    @Test
    void truncatedOutputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SwanctlIkeSa.parseList("list-sa event {\n  petrel {\n"));
    }
}
