package dev.petrel.gateway.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.config.swanctl.SwanctlConfig;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.ts.TrafficSelectors;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote access in swanctl.conf: EAP rounds (eap-mschapv2, eap-tls, eap_id), RFC 4739 rounds, groups, EAP secrets,
 * vips and pools, as a strongSwan road-warrior gateway and client write them, and each refusal at its line.
 */
class SwanctlRemoteAccessTest {
    private static final Instant NOW = Instant.now();
    private static final Issued CA = TestPki.ca("CN=RA CA, O=Petrel, C=XX", KeyType.ECDSA_P256,
            NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    private static final Issued GATEWAY = CA.issue("CN=gw.petrel.test, O=Petrel, C=XX", KeyType.ECDSA_P256,
            NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), false, "dns:gw.petrel.test");
    private static final String GATEWAY_CONF = """
            connections {
              rw {
                pools = rw-pool
                local {
                  auth = pubkey
                  certs = gw.pem
                }
                remote {
                  auth = eap-mschapv2
                  eap_id = %any
                  groups = vpn, staff
                }
                children {
                  net {
                    local_ts = 203.0.113.0/24
                  }
                }
              }
              tls {
                local {
                  auth = pubkey
                  certs = gw.pem
                }
                remote-1 {
                  auth = pubkey
                }
                remote-2 {
                  auth = eap-tls
                  id = *@tls.petrel.test
                }
              }
            }
            pools {
              rw-pool {
                addrs = 10.3.0.0/28
                dns = 203.0.113.53
              }
            }
            secrets {
              eap-carol {
                id = carol@petrel.test
                secret = "carol's password"
                groups = vpn
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aRoadWarriorGatewayMapsOntoEapRoundsAndPools() throws IOException {
        GatewayConfig config = load(GATEWAY_CONF);
        IkeConfig rw = config.connection("rw").orElseThrow().ike();
        EapPolicy eap = (EapPolicy) rw.remoteAuth();
        assertEquals(EapType.MSCHAP_V2, eap.method());
        assertTrue(eap.askIdentity(), "eap_id = %any asks for the EAP identity");
        assertArrayEquals("carol's password".getBytes(StandardCharsets.UTF_8), eap.users().password("carol@petrel.test"));
        assertNull(eap.users().password("mallory@petrel.test"));
        assertEquals(Set.of("vpn"), eap.users().groups("carol@petrel.test"));
        assertEquals(Set.of("vpn", "staff"), rw.remoteRounds().getFirst().groups());
        assertEquals(List.of("rw-pool"), rw.virtualIps().pools());
        assertEquals(List.of(TrafficSelectors.dynamic(0, 0, 65535)), rw.children().getFirst().remoteTs(),
                "remote_ts defaults to dynamic: the client's lease, known when negotiating");
        assertTrue(config.pools().containsKey("rw-pool"));

        IkeConfig tls = config.connection("tls").orElseThrow().ike();
        assertEquals(2, tls.remoteRounds().size(), "RFC 4739: remote-1, then remote-2");
        assertTrue(tls.remoteRounds().getFirst().auth() instanceof TrustAnchors);
        EapPolicy second = (EapPolicy) tls.remoteRounds().get(1).auth();
        assertEquals(EapType.TLS, second.method());
        assertEquals(((CertificateAuth) tls.localAuth()).certificate(), second.tlsCertificate().certificate(),
                "EAP-TLS presents the gateway's certificate");
        assertEquals(IdentityMatcher.parse("*@tls.petrel.test"), tls.remoteRounds().get(1).id());
        assertTrue(tls.multipleRounds());
    }

    @Test
    void aRoadWarriorClientAsksForAVirtualIp() throws IOException {
        IkeConfig rw = load("""
                connections {
                  home {
                    remote_addrs = 192.0.2.1
                    vips = 0.0.0.0
                    local {
                      auth = eap-mschapv2
                      id = carol@petrel.test
                    }
                    remote {
                      auth = pubkey
                      id = gw.petrel.test
                    }
                    children {
                      net {
                        remote_ts = 203.0.113.0/24
                      }
                    }
                  }
                }
                secrets {
                  eap-carol {
                    id = carol@petrel.test
                    secret = "carol's password"
                  }
                }
                """).connection("home").orElseThrow().ike();
        EapCredentials eap = (EapCredentials) rw.localAuth();
        assertEquals(EapType.MSCHAP_V2, eap.method());
        assertArrayEquals("carol's password".getBytes(StandardCharsets.UTF_8), eap.password());
        assertEquals(List.of(InetAddress.ofLiteral("0.0.0.0")), rw.virtualIps().request());
        assertEquals(List.of(TrafficSelectors.dynamic(0, 0, 65535)), rw.children().getFirst().localTs(),
                "local_ts defaults to dynamic: the virtual IP, known when negotiating");
    }

    @Test
    void refusalsNameTheLine() throws IOException {
        assertRefused(GATEWAY_CONF.replace("auth = eap-mschapv2", "auth = eap-gtc"), ":9: connections.rw.remote.auth: "
                + "'eap-gtc' is not an EAP method Petrel knows (eap-md5, eap-mschapv2, eap-tls)");
        assertRefused(GATEWAY_CONF.replace("auth = eap-mschapv2", "auth = eap"), ":9: connections.rw.remote.auth: "
                + "name the EAP method the peer must use: eap-mschapv2, eap-tls or eap-md5");
        assertRefused(GATEWAY_CONF.replace("pools = rw-pool", "pools = elsewhere"), ":3: connections.rw.pools: no pool "
                + "named 'elsewhere' in the pools section (rw-pool)");
        assertRefused(GATEWAY_CONF.replace("auth = eap-tls", "auth = eap-tls\n      cacerts = absent.pem"),
                "connections.tls.remote-2.cacerts");
    }

    private void assertRefused(String conf, String expected) throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load(conf));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private GatewayConfig load(String conf) throws IOException {
        Files.createDirectories(dir.resolve("x509"));
        Files.createDirectories(dir.resolve("x509ca"));
        Files.createDirectories(dir.resolve("private"));
        Files.writeString(dir.resolve("x509/gw.pem"), TestPki.pem(GATEWAY.certificate()));
        Files.writeString(dir.resolve("x509ca/ca.pem"), TestPki.pem(CA.certificate()));
        Files.writeString(dir.resolve("private/gw.pem"), TestPki.pem(GATEWAY.privateKey()));
        Path file = dir.resolve("swanctl.conf");
        Files.writeString(file, conf);
        return SwanctlConfig.load(file);
    }
}
