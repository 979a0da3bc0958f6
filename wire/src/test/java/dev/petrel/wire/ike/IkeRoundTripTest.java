package dev.petrel.wire.ike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded properties: random valid payloads of every kind and random messages survive encode → decode → encode. */
class IkeRoundTripTest {
    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyPayloadKindRoundTrips(long seed) throws IkeDecodeException {
        RandomIke random = new RandomIke(seed);
        for (int kind = 0; kind < RandomIke.KINDS; kind++) {
            Payload p = random.payload(kind);
            IkeMessage m = new IkeMessage(new IkeHeader(seed, ~seed, 0, ExchangeType.INFORMATIONAL.value(), true, false, kind, 0), List.of(p));
            byte[] encoded = m.encode();
            assertEquals(encoded.length, m.encodedLength());
            IkeMessage decoded = IkeMessage.decode(encoded, 0, encoded.length);
            assertEquals(List.of(p), decoded.payloads(), p.toString());
            assertArrayEquals(encoded, decoded.encode());
            assertArrayEquals(Arrays.copyOfRange(encoded, IkeHeader.LENGTH + 4, encoded.length), PayloadChain.body(p));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomMessagesRoundTrip(long seed) throws IkeDecodeException {
        IkeMessage m = new RandomIke(seed).message();
        byte[] encoded = m.encode();
        IkeMessage decoded = IkeMessage.decode(encoded, 0, encoded.length);
        IkeHeader h = m.header();
        assertEquals(new IkeHeader(h.initiatorSpi(), h.responderSpi(), PayloadChain.firstType(m.payloads()), h.exchangeType(), h.initiator(),
                h.response(), h.messageId(), encoded.length), decoded.header());
        assertEquals(m.payloads(), decoded.payloads());
        assertArrayEquals(encoded, decoded.encode());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomChainsRoundTrip(long seed) throws IkeDecodeException {
        List<Payload> chain = new RandomIke(seed).chain();
        byte[] encoded = PayloadChain.encode(chain);
        // at an offset, as the engine passes the decrypted part of a larger buffer
        byte[] buffer = new byte[encoded.length + 7];
        System.arraycopy(encoded, 0, buffer, 3, encoded.length);
        assertEquals(chain, PayloadChain.decode(PayloadChain.firstType(chain), buffer, 3, encoded.length));
    }
}
