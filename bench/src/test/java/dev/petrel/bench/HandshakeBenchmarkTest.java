package dev.petrel.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One operation of {@link HandshakeBenchmark} per key exchange, with its untimed check, as JMH calls them. */
class HandshakeBenchmarkTest {
    @ParameterizedTest
    @ValueSource(strings = {"aes128gcm16-prfsha256-x25519", "aes128gcm16-prfsha256-ecp256", "aes128gcm16-prfsha256-mlkem768"})
    void oneHandshakeEstablishesBothSides(String ike) {
        HandshakeBenchmark b = new HandshakeBenchmark();
        b.ike = ike;
        b.freshPair();
        assertEquals(4, b.handshake(), "IKE_SA_INIT and IKE_AUTH, request and response each");
        b.established();
    }
}
