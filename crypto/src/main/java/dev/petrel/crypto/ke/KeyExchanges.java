package dev.petrel.crypto.ke;

import dev.petrel.crypto.TransformException;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Creates key exchanges from Transform Type 4 ids: MODP 2048/3072/4096 (RFC 3526), ECP 256/384/521 (RFC 5903),
 * Curve25519/448 (RFC 8031) and ML-KEM-512/768/1024 (draft-ietf-ipsecme-ikev2-mlkem).
 */
public final class KeyExchanges {
    private static final Map<KeyExchangeMethod, KeyExchangeParameters> SUPPORTED = supported();

    private KeyExchanges() {}

    private static Map<KeyExchangeMethod, KeyExchangeParameters> supported() {
        Map<KeyExchangeMethod, KeyExchangeParameters> map = new EnumMap<>(KeyExchangeMethod.class);
        Stream.of(ModpGroup.values(), EcpGroup.values(), XdhGroup.values(), MlKemParameterSet.values())
                .flatMap(Arrays::stream)
                .forEach(p -> map.put(p.method(), p));
        return Collections.unmodifiableMap(map);
    }

    public static boolean isSupported(KeyExchangeMethod method) {
        return SUPPORTED.containsKey(method);
    }

    /** The KE payload lengths of {@code method}, for both roles. */
    public static PublicValueLengths publicValueLengths(KeyExchangeMethod method) {
        return parameters(method).lengths();
    }

    /**
     * A fresh, single-use key exchange that takes all its randomness from {@code random}.
     *
     * @throws TransformException if the method is not supported
     */
    public static KeyExchange create(KeyExchangeMethod method, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return switch (parameters(method)) {
            case DhGroup group -> new DiffieHellman(group, random);
            case MlKemParameterSet set -> new MlKem(set, random);
        };
    }

    private static KeyExchangeParameters parameters(KeyExchangeMethod method) {
        KeyExchangeParameters parameters = SUPPORTED.get(Objects.requireNonNull(method, "method"));
        if (parameters == null) {
            throw new TransformException(method.name() + " is not implemented");
        }
        return parameters;
    }
}
