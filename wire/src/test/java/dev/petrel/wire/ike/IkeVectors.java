package dev.petrel.wire.ike;

import dev.petrel.testkit.vectors.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test vectors: the hex datagrams under {@code src/test/resources/dev/petrel/wire/ike/}, and small helpers. */
final class IkeVectors {
    private IkeVectors() {}

    static byte[] resource(String name) {
        try (InputStream in = IkeVectors.class.getResourceAsStream(name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + name);
            }
            return Hex.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IkeMessage decode(byte[] datagram) throws IkeDecodeException {
        return IkeMessage.decode(datagram, 0, datagram.length);
    }

    static List<Integer> types(List<Payload> payloads) {
        return payloads.stream().map(Payload::type).toList();
    }

    static List<Integer> types(PayloadType... types) {
        return java.util.Arrays.stream(types).map(PayloadType::value).toList();
    }
}
