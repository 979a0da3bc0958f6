package dev.petrel.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.gateway.config.swanctl.SwanctlConfig;
import dev.petrel.ike.pool.AddressRange;
import dev.petrel.ike.pool.IpFamily;
import dev.petrel.ike.pool.PoolConfig;
import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code pools} section of swanctl.conf mapped to {@link PoolConfig}s, and every refusal with file, line and key. */
class SwanctlPoolsTest {
    private static final Path FILE = Path.of("/etc/petrel/swanctl.conf");

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static GatewayConfig parse(String text) {
        return SwanctlConfig.parse(text, FILE);
    }

    private static void refused(String text, int line, String key, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(FILE + ":" + line + ": " + key + ": " + problem, e.getMessage());
    }

    @Test
    void poolsLoadInTheOrderWrittenWithTheirAttributes() {
        GatewayConfig config = parse("""
                pools {
                  rw {
                    addrs = 10.3.0.0/28
                    dns = 8.8.8.8, 2001:db8::53
                    subnet = 198.51.100.0/24, 2001:db8:1::/48
                  }
                  v6 {
                    addrs = 2001:db8:3::/64
                  }
                  ranges {
                    addrs = 10.4.0.10-10.4.0.20, 10.5.0.7, fd00::1-fd00::ff
                  }
                }
                """);
        assertEquals(List.of("rw", "v6", "ranges"), List.copyOf(config.pools().keySet()));
        assertEquals(new PoolConfig("rw", List.of(new AddressRange(ip("10.3.0.1"), ip("10.3.0.14"))),
                List.of(ip("8.8.8.8"), ip("2001:db8::53")), List.of(IpPrefix.parse("198.51.100.0/24"), IpPrefix.parse("2001:db8:1::/48"))),
                config.pools().get("rw"));
        PoolConfig v6 = config.pools().get("v6");
        assertEquals(List.of(new AddressRange(ip("2001:db8:3::1"), ip("2001:db8:3::f:fffe"))), v6.ranges(),
                "a /64 is narrowed to the first 2^20 addresses, state per lease only");
        assertEquals(AddressRange.MAX_SIZE - 2, v6.size(IpFamily.V6));
        assertEquals(List.of(new AddressRange(ip("10.4.0.10"), ip("10.4.0.20")), new AddressRange(ip("10.5.0.7"), ip("10.5.0.7")),
                new AddressRange(ip("fd00::1"), ip("fd00::ff"))), config.pools().get("ranges").ranges());
        assertEquals(List.of(), config.connections());
    }

    @Test
    void aPoolWrittenTwiceIsOnePoolAsInStrongSwan() {
        GatewayConfig config = parse("""
                pools {
                  rw {
                    addrs = 10.3.0.0/28
                    dns = 8.8.8.8
                  }
                  rw {
                    addrs = 10.3.1.0/28
                  }
                }
                """);
        assertEquals(List.of(new PoolConfig("rw", List.of(new AddressRange(ip("10.3.1.1"), ip("10.3.1.14"))),
                List.of(ip("8.8.8.8")), List.of())), List.copyOf(config.pools().values()));
    }

    @Test
    void poolsMayNotShareAnAddress() {
        refused("""
                pools {
                  a {
                    addrs = 10.3.0.0/24
                  }
                  b {
                    addrs = 10.3.0.200-10.3.1.9
                  }
                }
                """, 5, "pools.b", "its addresses [10.3.0.200-10.3.1.9] overlap those of pool a [10.3.0.1-10.3.0.254]");
        refused("""
                pools {
                  a {
                    addrs = 10.3.0.0/24, 10.3.0.128/25
                  }
                }
                """, 3, "pools.a.addrs", "pool a: the ranges 10.3.0.1-10.3.0.254 and 10.3.0.129-10.3.0.254 overlap");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            addrs = 10.3.0.300/24              | addrs  | '10.3.0.300' is not an IP address
            addrs = 10.3.0.0/33                | addrs  | '10.3.0.0/33' has a bad prefix length
            addrs = pool.example.com           | addrs  | 'pool.example.com' is not an IP address
            addrs = 10.3.0.9-10.3.0.1          | addrs  | the range 10.3.0.9-10.3.0.1 ends before it starts
            addrs = 10.3.0.1-2001:db8::1       | addrs  | the range 10.3.0.1-2001:db8::1 mixes IPv4 and IPv6
            addrs = 10.0.0.0-10.255.255.255    | addrs  | the range 10.0.0.0-10.255.255.255 holds 16777216 addresses, more than the 1048576 a pool range may have
            addrs = 10.3.0.255/24              | addrs  | 10.3.0.255/24 holds no address to hand out: it starts at its block's last address
            addrs = 10.3.0.0/24,               | addrs  | an empty item in the list '10.3.0.0/24,'
            dns = dns.example.com              | dns    | 'dns.example.com' is not an IP address
            subnet = 198.51.100.1/24           | subnet | bits set past the prefix length in 198.51.100.1/24
            subnet = 198.51.100.0/40           | subnet | '198.51.100.0/40' has a bad prefix length
            nbns = 192.0.2.1                   | nbns   | unsupported key
            split_include = 198.51.100.0/24    | split_include | unsupported key
            25 = 0x00                          | 25     | unsupported key
            """)
    void badValuesAndUnknownKeysAreRefusedAtTheirLine(String line, String key, String problem) {
        String addrs = line.startsWith("addrs") ? "" : "    addrs = 10.3.0.0/24\n";
        refused("pools {\n  rw {\n" + addrs + "    " + line + "\n  }\n}\n", addrs.isEmpty() ? 3 : 4, "pools.rw." + key, problem);
    }

    @Test
    void anEmptyPoolAndStrayContentAreRefused() {
        refused("pools {\n  rw {\n  }\n}\n", 2, "pools.rw", "no addrs: a pool needs addresses to hand out");
        refused("pools {\n  rw {\n    addrs = 10.3.0.0/24\n    attrs {\n    }\n  }\n}\n", 4, "pools.rw.attrs", "unsupported section");
        refused("pools {\n  addrs = 10.3.0.0/24\n}\n", 2, "pools.addrs", "unsupported key");
    }

    @Test
    void aConnectionNamesOnlyDefinedPools() {
        refused("""
                pools {
                  rw {
                    addrs = 10.3.0.0/24
                  }
                }
                connections {
                  home {
                    pools = rw, radius
                  }
                }
                """, 8, "connections.home.pools", "no pool named 'radius' in the pools section (rw)");
        refused("connections {\n  home {\n    pools = dhcp\n  }\n}\n", 3, "connections.home.pools",
                "no pool named 'dhcp' in the pools section");
    }
}
