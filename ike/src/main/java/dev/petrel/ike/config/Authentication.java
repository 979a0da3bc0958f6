package dev.petrel.ike.config;

/**
 * How one side of a connection proves who it is (one authentication round, swanctl's {@code local}/{@code remote}
 * {@code auth}). Pre-shared keys today; certificates and EAP join this interface.
 */
public sealed interface Authentication permits PreSharedKey {}
