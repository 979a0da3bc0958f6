package dev.petrel.gateway.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.gateway.config.swanctl.SwanctlConfig;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.ChildLifetime;
import dev.petrel.ike.config.CloseAction;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.IkeLifecycle;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.testkit.vectors.ProjectPaths;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ike.ProtocolId;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** swanctl.conf mapped to a {@link GatewayConfig}: the interop files, strongSwan's defaults, secrets, every refusal. */
class SwanctlConfigTest {
    private static final Path FILE = Path.of("/etc/petrel/swanctl.conf");
    private static final String PSK = "s3cret-psk";
    /** A valid connection with a spot for one more line in each section; the line numbers of the spots are fixed. */
    private static final String TEMPLATE = """
            connections {
              home {
                local_addrs = 192.0.2.1
                remote_addrs = 192.0.2.2
                local {
                  auth = psk
                  LOCAL
                }
                remote {
                  auth = psk
                  REMOTE
                }
                children {
                  net {
                    CHILD
                  }
                }
                CONN
              }
            }
            secrets {
              ike {
                secret = "s3cret-psk"
              }
              SECRETS
            }
            TOP
            """;

    @TempDir
    Path dir;

    private static GatewayConfig parse(String text) {
        return SwanctlConfig.parse(text, FILE);
    }

    /** The template with {@code line} (\n for a line break) at spot {@code where}, the other spots empty. */
    private static String with(String where, String line) {
        String text = TEMPLATE;
        for (String spot : List.of("LOCAL", "REMOTE", "CHILD", "CONN", "SECRETS", "TOP")) {
            text = text.replace(spot, spot.equals(where) ? line.replace("\\n", "\n") : "");
        }
        return text;
    }

    private static Connection only(GatewayConfig config) {
        assertEquals(1, config.connections().size());
        return config.connections().getFirst();
    }

    private static byte[] secret(IkeConfig ike) {
        return ((PreSharedKey) ike.localAuth()).secret();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"psk, left", "psk, right", "natt, left", "natt, right"})
    void theInteropFilesLoadUnchanged(String kase, String side) throws Exception {
        Path file = ProjectPaths.shared().resolve("interop/conf/" + kase + "/" + side + "/swanctl.conf");
        GatewayConfig loaded = SwanctlConfig.load(file);
        Connection c = only(loaded);
        boolean left = side.equals("left");
        IkeConfig ike = c.ike();
        assertEquals("petrel", c.name());
        assertEquals(InetAddress.getByName(left ? "192.0.2.1" : "192.0.2.2"), ike.localAddress());
        assertEquals(InetAddress.getByName(left ? "192.0.2.2" : "192.0.2.1"), ike.remoteAddress());
        assertEquals(ProposalParser.parseList("aes128gcm16-prfsha256-x25519, aes256-sha256-modp2048", ProtocolId.IKE),
                ike.proposals());
        assertEquals(Identity.parse(left ? "left.petrel.test" : "right.petrel.test"), ike.localId());
        assertEquals(IdentityMatcher.parse(left ? "right.petrel.test" : "left.petrel.test"), ike.remoteId());
        assertArrayEquals("petrel-interop-psk-0123456789".getBytes(StandardCharsets.US_ASCII), secret(ike));
        assertEquals(ike.localAuth(), ike.remoteAuth());
        assertEquals(kase.equals("natt"), ike.forceEncapsulation());
        assertEquals(Duration.ZERO, ike.lifecycle().rekeyTime(), "rekey_time = 0: never");
        assertEquals(500, c.localPort());
        Child net = c.children().getFirst();
        ChildConfig config = net.config();
        assertEquals("net", net.name());
        assertEquals(List.of(TrafficSelector.subnet(left ? "198.51.100.0/24" : "203.0.113.0/24")), config.localTs());
        assertEquals(List.of(TrafficSelector.subnet(left ? "203.0.113.0/24" : "198.51.100.0/24")), config.remoteTs());
        assertEquals(ProposalParser.parseList("aes128gcm16", ProtocolId.ESP), config.proposals());
        assertEquals(Mode.TUNNEL, config.mode());
        assertEquals(StartAction.NONE, net.startAction());
        assertEquals(ChildLifetime.NONE, config.lifetime(), "rekey_time = 0, and life_time follows it");
        assertEquals(List.of(ike), loaded.ikeConfigs());
    }

    @Test
    void strongSwansDefaultsFillWhatIsNotWritten() throws Exception {
        Connection c = only(parse(with("", "")));
        IkeConfig ike = c.ike();
        assertEquals(500, c.localPort());
        assertEquals(500, c.remotePort());
        assertEquals(new IkeLifecycle(Duration.ofHours(4), Duration.ZERO, Duration.ofMinutes(24), Duration.ofMinutes(24),
                Duration.ZERO, Duration.ZERO), ike.lifecycle(), "over_time and rand_time 10 % of rekey_time, no DPD");
        assertEquals(ProposalParser.parseList("aes128-aes192-aes256-sha256-sha384-sha512-aesxcbc-sha1-prfsha256"
                + "-prfsha384-prfsha512-prfaesxcbc-prfsha1-ecp256-ecp384-ecp521-x25519-x448-modp3072-modp4096-modp2048, "
                + "aes128gcm16-aes192gcm16-aes256gcm16-chacha20poly1305-aes128gcm12-aes192gcm12-aes256gcm12-aes128gcm8"
                + "-aes192gcm8-aes256gcm8-prfsha256-prfsha384-prfsha512-prfaesxcbc-prfsha1-ecp256-ecp384-ecp521-x25519"
                + "-x448-modp3072-modp4096-modp2048", ProtocolId.IKE), ike.proposals());
        assertNull(ike.localId(), "our address is our identity");
        assertEquals(new IdentityMatcher.Any(), ike.remoteId());
        assertFalse(ike.forceEncapsulation());
        assertArrayEquals(PSK.getBytes(StandardCharsets.US_ASCII), secret(ike));
        Child net = c.children().getFirst();
        ChildConfig config = net.config();
        assertEquals(List.of(TrafficSelector.subnet("192.0.2.1/32")), config.localTs(), "dynamic: our address");
        assertEquals(List.of(TrafficSelector.subnet("192.0.2.2/32")), config.remoteTs(), "dynamic: the peer's");
        assertEquals(ProposalParser.parseList("aes128-aes192-aes256-sha256-sha384-sha512-sha1-aesxcbc, "
                + "aes128gcm16-aes192gcm16-aes256gcm16", ProtocolId.ESP), config.proposals());
        assertEquals(Mode.TUNNEL, config.mode());
        assertEquals(32, config.replayWindow());
        assertEquals(new ChildLifetime(Duration.ofHours(1), Duration.ofSeconds(3960), Duration.ofSeconds(360), 0, 0, 0, 0),
                config.lifetime(), "rekey_time + 10 %, the difference as jitter");
        assertEquals(StartAction.NONE, net.startAction());
        assertEquals(CloseAction.CLEAR, config.dpdAction());
        assertEquals(CloseAction.CLEAR, config.closeAction());
        assertEquals(MssClamp.OFF, net.mssClamp());
    }

    @Test
    void everySupportedKeyTakesItsValue() throws Exception {
        Connection c = only(parse("""
                connections {
                  v6 {
                    version = 2
                    local_addrs = 2001:db8::1
                    remote_addrs = %any
                    local_port = 4500
                    remote_port = 0x1194
                    proposals = aes256gcm16-prfsha384-ecp384, default
                    encap = yes
                    dpd_delay = 30s
                    rekey_time = 1d
                    mobike = no
                    fragmentation = no
                    unique = no
                    reauth_time = 0
                    over_time = 1h
                    rand_time = 5m
                    dpd_timeout = 2m
                    local {
                      auth = psk
                      id = gw.example.com
                    }
                    remote {
                      auth = PSK
                      id = *@example.com
                    }
                    children {
                      a {
                        local_ts = 2001:db8:1::/48, dynamic[tcp/22]
                        remote_ts = 2001:db8:2::1-2001:db8:2::9[udp/1024-65535], 2001:db8:3::/64[ipv6-icmp]
                        esp_proposals = aes256gcm16-x25519-esn
                        mode = transport
                        start_action = start
                        replay_window = 1024
                        rekey_time = 20m
                        life_time = 30m
                        rand_time = 1m
                        rekey_bytes = 0x10k
                        life_bytes = 2G
                        rekey_packets = 1000
                        life_packets = 0
                        dpd_action = restart
                        close_action = none
                        mss_clamp = yes
                      }
                      b {
                        local_ts = 0.0.0.0/0
                        remote_ts = 0.0.0.0/0
                        mss_clamp = 1360
                        rekey_time = 0
                        life_time = 2h
                      }
                    }
                  }
                }
                secrets {
                  ike-gw {
                    id = gw.example.com
                    secret = 0x0102ff
                  }
                }
                """));
        IkeConfig ike = c.ike();
        assertEquals(InetAddress.getByName("2001:db8::1"), ike.localAddress());
        assertNull(ike.remoteAddress());
        assertEquals(4500, c.localPort());
        assertEquals(4500, c.remotePort());
        assertEquals(1 + 2, ike.proposals().size());
        assertTrue(ike.forceEncapsulation());
        assertEquals(new IkeLifecycle(Duration.ofDays(1), Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofMinutes(2)), ike.lifecycle());
        assertEquals(Identity.parse("gw.example.com"), ike.localId());
        assertEquals(IdentityMatcher.parse("*@example.com"), ike.remoteId());
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, secret(ike));
        Child a = c.children().get(0);
        byte[] local = InetAddress.getByName("2001:db8::1").getAddress();
        assertEquals(List.of(TrafficSelector.subnet("2001:db8:1::/48"),
                new TrafficSelector(local, local, IpProtocol.TCP, 22, 22)), a.config().localTs());
        assertEquals(List.of(new TrafficSelector(InetAddress.getByName("2001:db8:2::1").getAddress(),
                        InetAddress.getByName("2001:db8:2::9").getAddress(), IpProtocol.UDP, 1024, 65535),
                TrafficSelector.subnet("2001:db8:3::/64", IpProtocol.ICMPV6, 0, 65535)), a.config().remoteTs());
        assertEquals(ProposalParser.parseList("aes256gcm16-x25519-esn", ProtocolId.ESP), a.config().proposals());
        assertEquals(Mode.TRANSPORT, a.config().mode());
        assertEquals(StartAction.START, a.startAction());
        assertEquals(1024, a.config().replayWindow());
        assertEquals(new ChildLifetime(Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(1), 16 << 10,
                2L << 30, 1000, 0), a.config().lifetime());
        assertEquals(CloseAction.RESTART, a.config().dpdAction());
        assertEquals(CloseAction.CLEAR, a.config().closeAction());
        assertEquals(MssClamp.PATH_MTU, a.mssClamp());
        Child b = c.children().get(1);
        assertEquals(new MssClamp.Fixed(1360), b.mssClamp());
        assertEquals(new ChildLifetime(Duration.ZERO, Duration.ofHours(2), Duration.ofHours(2), 0, 0, 0, 0),
                b.config().lifetime());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "CONN   | version = 1                       | 18 | connections.home.version       | IKEv1 is not supported",
        "CONN   | version = 3                       | 18 | connections.home.version       | version must be 0 or 2",
        "CONN   | local_addrs = vpn.example.com     | 18 | connections.home.local_addrs   | 'vpn.example.com' is not an IP address or %any (host names, subnets and ranges are not supported)",
        "CONN   | local_addrs = 192.0.2.1, 192.0.2.3| 18 | connections.home.local_addrs   | several addresses are not supported yet: the IKE engine takes one address or %any",
        "CONN   | remote_addrs = 2001:db8::2        | 18 | connections.home.remote_addrs  | local_addrs and remote_addrs are of different IP versions",
        "CONN   | remote_addrs = 192.0.2.2,         | 18 | connections.home.remote_addrs  | an empty item in the list '192.0.2.2,'",
        "CONN   | local_port = 70000                | 18 | connections.home.local_port    | 70000 is not 1 to 65535",
        "CONN   | proposals = aes999-sha256-modp2048| 18 | connections.home.proposals     | unknown algorithm keyword 'aes999' in proposal 'aes999-sha256-modp2048'",
        "CONN   | proposals = aes128gcm16-prfsha256 | 18 | connections.home.proposals     | proposal 'aes128gcm16-prfsha256' needs a key exchange method in an IKE proposal",
        "CONN   | encap = maybe                     | 18 | connections.home.encap         | 'maybe' is not yes or no",
        "CONN   | dpd_delay = 30x                   | 18 | connections.home.dpd_delay     | '30x' is not a time such as 30s, 10m, 4h or 1d",
        "CONN   | rekey_time = 010                  | 18 | connections.home.rekey_time    | '010': a leading 0 makes it octal to strongSwan; write it without",
        "CONN   | mobike = yes                      | 18 | connections.home.mobike        | MOBIKE (RFC 4555) is not supported: write mobike = no",
        "CONN   | fragmentation = yes               | 18 | connections.home.fragmentation | IKE fragmentation (RFC 7383) is not supported: write fragmentation = no",
        "CONN   | unique = replace                  | 18 | connections.home.unique        | only unique = no is supported (older IKE SAs go when the peer sends INITIAL_CONTACT)",
        "CONN   | over_time = 010                   | 18 | connections.home.over_time     | '010': a leading 0 makes it octal to strongSwan; write it without",
        "CONN   | dpd_timeout = -1                  | 18 | connections.home.dpd_timeout   | '-1' is not a time such as 30s, 10m, 4h or 1d",
        "CONN   | vips { }                          | 18 | connections.home.vips          | unsupported section",
        "CONN   | remote-2 {\\nauth = eap\\n}       | 19 | connections.home.remote-2.auth | name the EAP method the peer must use: eap-mschapv2, eap-tls or eap-md5",
        "CONN   | vips = 10.1                       | 18 | connections.home.vips          | '10.1' is not an IP address (0.0.0.0 or :: asks for any)",
        "CHILD  | esp_proposals = aes999            | 15 | connections.home.children.net.esp_proposals | unknown algorithm keyword 'aes999' in proposal 'aes999'",
        "CHILD  | ah_proposals = sha256\\nesp_proposals = aes128gcm16 | 15 | connections.home.children.net.ah_proposals | a child takes esp_proposals or ah_proposals, not both",
        "CHILD  | ah_proposals = aes128             | 15 | connections.home.children.net.ah_proposals | proposal 'aes128' an AH proposal takes integrity algorithms only",
        "CHILD  | mode = beet                       | 15 | connections.home.children.net.mode | mode 'beet' is not supported (tunnel or transport)",
        "CHILD  | start_action = later              | 15 | connections.home.children.net.start_action | 'later' is not an action (none, clear, trap, route, start or restart)",
        "CHILD  | replay_window = 40000             | 15 | connections.home.children.net.replay_window | 40000 is not 0 to 32768",
        "CHILD  | local_ts = 10.0.0.0/33            | 15 | connections.home.children.net.local_ts | '10.0.0.0/33' has a bad prefix length",
        "CHILD  | local_ts = 10.0.0.9-10.0.0.1      | 15 | connections.home.children.net.local_ts | '10.0.0.9-10.0.0.1': traffic selector start address is above its end address",
        "CHILD  | local_ts = 10.0.0.0/8[tcp/http]   | 15 | connections.home.children.net.local_ts | 'http' is not a port or a port range (service names and opaque are not supported)",
        "CHILD  | local_ts = 10.0.0.0/8[icmp/8]     | 15 | connections.home.children.net.local_ts | '8': ports are supported with tcp, udp and sctp only",
        "CHILD  | local_ts = 10.0.0.0/8[foo]        | 15 | connections.home.children.net.local_ts | 'foo' is not a protocol Petrel knows: use any, tcp, udp, icmp, ipv6-icmp, sctp, gre or a number",
        "CHILD  | remote_ts = host.example.com      | 15 | connections.home.children.net.remote_ts | 'host.example.com' is not an IP address (selectors take prefixes, addresses, ranges or dynamic)",
        "CHILD  | life_time = 30m                   | 15 | connections.home.children.net.life_time | life_time must be more than rekey_time (3600)",
        "CHILD  | rekey_packets = 100\\nlife_packets = 50 | 16 | connections.home.children.net.life_packets | life_packets must be more than rekey_packets (100)",
        "CHILD  | rekey_packets = -1                | 15 | connections.home.children.net.rekey_packets | '-1' is not a number",
        "CHILD  | life_bytes = 1t                   | 15 | connections.home.children.net.life_bytes | '1t' is not a number of bytes such as 500000, 512k, 100m or 2g",
        "CHILD  | dpd_action = hold                 | 15 | connections.home.children.net.dpd_action | 'hold' is not an action (none, clear, trap, route, start or restart)",
        "CHILD  | mss_clamp = 100                   | 15 | connections.home.children.net.mss_clamp | 100 is not 536 to 65495",
        "CHILD  | updown = /usr/local/bin/updown    | 15 | connections.home.children.net.updown | unsupported key",
        "CHILD  | rekeyed_bytes = 1G                | 15 | connections.home.children.net.rekeyed_bytes | unsupported key",
        "LOCAL  | auth = pubkey                     | 7  | connections.home.local.auth    | auth = pubkey needs certs = FILE (in the x509 folder), or an id naming a certificate of x509/ or of a pkcs12/ container",
        "LOCAL  | auth = ike:pubkey-sha1            | 7  | connections.home.local.auth    | 'sha1' in 'ike:pubkey-sha1' is not sha256, sha384 or sha512",
        "LOCAL  | auth = eap-mschapv2               | 7  | connections.home.local.auth    | no eap secret in secrets has the id 192.0.2.1",
        "LOCAL  | auth = secret                     | 7  | connections.home.local.auth    | 'secret' is not an authentication method Petrel knows (psk, pubkey, eap-md5, eap-mschapv2, eap-tls, eap, rsa/pss, with -sha256, -sha384, -sha512 after pubkey)",
        "REMOTE | auth = pubkey-sha256              | 11 | connections.home.remote.auth   | signature constraints on the peer ('pubkey-sha256') are not supported: write pubkey",
        "REMOTE | auth = pubkey                     | 11 | connections.home.remote.auth   | auth = pubkey, but no CA certificate to trust: put them in /etc/petrel/x509ca, in authorities, or name them in remote.cacerts",
        "REMOTE | certs = peer.pem                  | 11 | connections.home.remote.certs  | unsupported key",
        "LOCAL  | certs = gw.pem                    | 7  | connections.home.local.certs   | auth = psk takes no certificates",
        "LOCAL  | eap_id = %any                     | 7  | connections.home.local.eap_id  | unsupported key",
        "REMOTE | id = a*b                          | 11 | connections.home.remote.id     | identity pattern 'a*b': only a single leading * is supported",
        "REMOTE | cacerts = ca.pem                  | 11 | connections.home.remote.cacerts| auth = psk takes no certificates",
        "SECRETS| xauth-carol {\\nsecret = x\\n}    | 25 | secrets.xauth-carol            | XAuth and NTLM secrets are not supported: write eap sections with the password",
        "SECRETS| private-gw {\\nfile = gw.pem\\n} | 26 | secrets.private-gw.file        | no key file /etc/petrel/private/gw.pem",
        "SECRETS| rsa-gw {\\nsecret = x\\n}        | 25 | secrets.rsa-gw                 | no file: name the key file this passphrase is for",
        "SECRETS| pkcs12-gw {\\nfile = x\\n}       | 26 | secrets.pkcs12-gw.file         | no key file /etc/petrel/pkcs12/x",
        "SECRETS| token-gw {\\nhandle = 01\\n}    | 25 | secrets.token-gw               | smartcard tokens are not supported",
        "SECRETS| ike-2 {\\nid = x\\n}              | 25 | secrets.ike-2                  | no secret",
        "SECRETS| ppk {\\nsecret = x\\n}            | 25 | secrets.ppk                    | unsupported section",
        "SECRETS| ike-2 {\\nsecret = x\\nfoo = 1\\n}| 27 | secrets.ike-2.foo              | unsupported key",
        "TOP    | plugins {\\n}                     | 27 | plugins                        | unsupported section",
        "TOP    | authorities {\\nca {\\ncacert = ca.pem\\n}\\n} | 29 | authorities.ca.cacert | no certificate file /etc/petrel/x509ca/ca.pem",
        "TOP    | authorities {\\nca {\\ncrl_uris = x\\n}\\n} | 28 | authorities.ca | no cacert: Petrel reads the CA certificate from a file (smartcards are not supported)",
        "TOP    | connections {\\nx = 1\\n}         | 28 | connections.x                  | unsupported key",
    })
    void everyRefusalNamesFileLineAndKey(String where, String line, int at, String key, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(with(where, line)));
        assertEquals(FILE + ":" + at + ": " + key + ": " + problem, e.getMessage());
        assertEquals(new Origin(FILE, at), e.origin());
        assertEquals(key, e.key());
        assertEquals(problem, e.problem());
        assertFalse(e.getMessage().contains(PSK));
    }

    /** strongSwan's defaults for what is not written, from what is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "''                                         | 14400 | 0     | 1440 | 1440",
        "reauth_time = 2h                           | 0     | 7200  | 720  | 720",
        "rekey_time = 1h\\nreauth_time = 10h        | 3600  | 36000 | 3600 | 1800",
        "rekey_time = 10m\\nover_time = 1m          | 600   | 0     | 60   | 60",
        "rekey_time = 0                             | 0     | 0     | 0    | 0",
    })
    void ikeSaTimesFollowStrongSwansDefaults(String lines, long rekey, long reauth, long over, long rand) {
        IkeLifecycle lifecycle = only(parse(with("CONN", lines))).ike().lifecycle();
        assertEquals(new IkeLifecycle(Duration.ofSeconds(rekey), Duration.ofSeconds(reauth), Duration.ofSeconds(over),
                Duration.ofSeconds(rand), Duration.ZERO, Duration.ZERO), lifecycle);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rekey_bytes = 1m                       | 3600 | 3960 | 360  | 1048576 | 1153433 | 0   | 0",
        "rekey_packets = 5                      | 3600 | 3960 | 360  | 0       | 0       | 5   | 6",
        "life_packets = 500                     | 3600 | 3960 | 360  | 0       | 0       | 0   | 500",
        "life_time = 2h                         | 3600 | 7200 | 3600 | 0       | 0       | 0   | 0",
        "rekey_time = 10s\\nrand_time = 2s      | 10   | 11   | 2    | 0       | 0       | 0   | 0",
    })
    void childSaLifetimesFollowStrongSwansDefaults(String lines, long rekeyTime, long lifeTime, long randTime,
            long rekeyBytes, long lifeBytes, long rekeyPackets, long lifePackets) {
        ChildConfig child = only(parse(with("CHILD", lines))).children().getFirst().config();
        assertEquals(new ChildLifetime(Duration.ofSeconds(rekeyTime), Duration.ofSeconds(lifeTime),
                Duration.ofSeconds(randTime), rekeyBytes, lifeBytes, rekeyPackets, lifePackets), child.lifetime());
    }

    @Test
    void actionsTakeStrongSwansNames() {
        Child child = only(parse(with("CHILD", "start_action = route\ndpd_action = trap\nclose_action = start")))
                .children().getFirst();
        assertEquals(StartAction.TRAP, child.startAction());
        assertEquals(CloseAction.TRAP, child.config().dpdAction());
        assertEquals(CloseAction.RESTART, child.config().closeAction(), "start is restart");
        Child started = only(parse(with("CHILD", "start_action = restart\nclose_action = clear"))).children().getFirst();
        assertEquals(StartAction.START, started.startAction());
        assertEquals(CloseAction.CLEAR, started.config().closeAction());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"remote_addrs = %any", "vips = 0.0.0.0"})
    void aTrapNeedsThePeersAddressAndNoVirtualIp(String instead) {
        String text = with("CHILD", "close_action = trap").replace("remote_addrs = 192.0.2.2",
                instead.startsWith("vips") ? "remote_addrs = 192.0.2.2\n    " + instead : instead);
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals("connections.home.children.net.close_action", e.key());
        assertEquals("a trap needs remote_addrs naming the peer, and neither vips nor pools", e.problem());
    }

    @Test
    void aConnectionNeedsBothSides() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("connections {\n  c {\n  }\n}\n"));
        assertEquals(FILE + ":2: connections.c: no local section: Petrel needs local { auth = psk }, { auth = pubkey } or { auth = eap-... }",
                e.getMessage());
        ConfigException noAuth = assertThrows(ConfigException.class,
                () -> parse("connections {\n  c {\n    local {\n    }\n  }\n}\n"));
        assertEquals(FILE + ":3: connections.c.local: auth = pubkey needs certs = FILE (in the x509 folder), or an id naming a certificate of x509/ or of a pkcs12/ container; auth "
                + "defaults to pubkey: write auth = psk for a pre-shared key", noAuth.getMessage());
    }

    @Test
    void ikeVersionZeroAndEmptyAuthoritiesAreFine() {
        assertEquals(1, parse(with("CONN", "version = 0") + "authorities {\n}\n").connections().size());
    }

    @Test
    void ahProposalsMakeAnAhChild() {
        ChildConfig child = only(parse(with("CHILD", "ah_proposals = sha256, sha512"))).children().getFirst().config();
        assertEquals(ProtocolId.AH, child.protocol());
        assertEquals(ProposalParser.parseList("sha256, sha512", ProtocolId.AH), child.proposals());
    }

    /** The PSK chosen for the template with remote id {@code remoteId} and the ike sections {@code secrets}. */
    private static String chosen(String remoteId, String secrets) {
        String text = with("REMOTE", "id = " + remoteId).replace("ike {\n    secret = \"s3cret-psk\"\n  }", secrets);
        return new String(secret(only(parse(text)).ike()), StandardCharsets.US_ASCII);
    }

    @Test
    void theSecretWhoseIdsMatchBestIsTaken() {
        String any = "ike-any {\n secret = any\n}\n";
        String peer = "ike-peer {\n id = 192.0.2.2\n secret = peer\n}\n";
        String both = "ike-both {\n id-me = 192.0.2.1\n id-peer = 192.0.2.2\n secret = both\n}\n";
        String other = "ike-other {\n id-me = 192.0.2.1\n id-peer = 192.0.2.99\n secret = other\n}\n";
        assertEquals("both", chosen("192.0.2.2", any + peer + both + other));
        assertEquals("peer", chosen("192.0.2.2", any + peer));
        assertEquals("any", chosen("192.0.2.2", any), "an ike section without ids is for anyone");
        String wild = "ike-wild {\n id = *.example.com\n secret = wild\n}\n";
        assertEquals("wild", chosen("peer.example.com", any + wild), "a wildcard owner beats no ids");
        assertEquals("any", chosen("peer.example.org", any + wild));
    }

    @Test
    void twoEquallyGoodSecretsAreAnError() {
        String text = with("SECRETS", "ike-2 {\n  secret = other\n}");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(FILE + ":6: connections.home.local.auth: secrets.ike (" + FILE + ":22) and secrets.ike-2 (" + FILE
                + ":25) match local id 192.0.2.1 and remote id %any equally well; Petrel picks the key when loading: "
                + "give the secrets ids", e.getMessage());
    }

    @Test
    void noMatchingSecretIsAnError() {
        String text = with("REMOTE", "id = 192.0.2.2")
                .replace("secret = \"s3cret-psk\"", "id = 203.0.113.7\nsecret = x");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(FILE + ":6: connections.home.local.auth: auth = psk, but no ike secret in secrets matches "
                + "local id 192.0.2.1 and remote id 192.0.2.2", e.getMessage());
    }

    @Test
    void secretsInHexAndBase64() {
        Map<String, byte[]> encodings = Map.of("0x0aFF", new byte[] {10, (byte) 0xff}, "0sAQID", new byte[] {1, 2, 3},
                "\"two words\"", "two words".getBytes(StandardCharsets.US_ASCII));
        encodings.forEach((written, octets) -> assertArrayEquals(octets,
                secret(only(parse(with("", "").replace("\"s3cret-psk\"", written))).ike()), written));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret = 0xs3cret-psk", "secret = 0ss3cret-psk!", "secret = \"\"", "secrit = s3cret-psk",
        "secret \"s3cret-psk\"", "secret = \"s3cret-psk", "s3cret-psk"})
    void noSecretReachesAMessage(String line) {
        String text = with("", "").replace("secret = \"s3cret-psk\"", line);
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(PSK.substring(1)), t.getMessage());
        }
        assertTrue(e.getMessage().startsWith(FILE + ":2"), e.getMessage());
    }

    @Test
    void noSecretInToString() {
        GatewayConfig config = parse(with("", ""));
        assertFalse(config.toString().contains(PSK), config.toString());
        assertTrue(config.toString().contains("PreSharedKey[10 octets]"), config.toString());
    }

    @Test
    void includedFilesAndAMissingOne() throws IOException {
        Path top = Files.writeString(dir.resolve("swanctl.conf"), "include conf.d/*.conf\ninclude secrets.conf\n");
        Files.createDirectory(dir.resolve("conf.d"));
        String text = with("", "");
        Files.writeString(dir.resolve("conf.d/home.conf"), text.substring(0, text.indexOf("secrets {")));
        ConfigException e = assertThrows(ConfigException.class, () -> SwanctlConfig.load(top));
        assertEquals(top + ":2: include: no file " + dir.resolve("secrets.conf"), e.getMessage());
        Files.writeString(dir.resolve("secrets.conf"), "secrets {\n  ike {\n    secret = " + PSK + "\n  }\n}\n");
        assertEquals("home", only(SwanctlConfig.load(top)).name());
    }

    @Test
    void anEmptyFileIsAnEmptyConfig() {
        assertEquals(List.of(), parse("# nothing yet\n").connections());
    }
}
