package dev.petrel.crypto.ke;

import dev.petrel.wire.iana.KeyExchangeMethod;

/** What the factory knows about one supported key exchange method. */
sealed interface KeyExchangeParameters permits DhGroup, MlKemParameterSet {
    KeyExchangeMethod method();

    PublicValueLengths lengths();
}
