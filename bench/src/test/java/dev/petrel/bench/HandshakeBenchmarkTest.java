package dev.petrel.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One operation of {@link HandshakeBenchmark} per key exchange and authentication, with its untimed check, as JMH calls them. */
class HandshakeBenchmarkTest {
    @ParameterizedTest
    @CsvSource({"aes128gcm16-prfsha256-x25519, PSK", "aes128gcm16-prfsha256-ecp256, PSK", "aes128gcm16-prfsha256-mlkem768, PSK",
        "aes128gcm16-prfsha256-x25519, ECDSA_P256"})
    void oneHandshakeEstablishesBothSides(String ike, EnginePair.Auth auth) {
        HandshakeBenchmark b = new HandshakeBenchmark();
        b.ike = ike;
        b.auth = auth;
        b.freshPair();
        assertEquals(4, b.handshake(), "IKE_SA_INIT and IKE_AUTH, request and response each");
        b.established();
    }
}
