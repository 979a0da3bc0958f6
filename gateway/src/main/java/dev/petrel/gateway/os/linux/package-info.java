/**
 * The few libc calls and kernel structures the gateway's I/O needs (Linux on x86-64 and arm64). Public only so
 * that the sibling packages can use it; it is not an API of its own.
 */
package dev.petrel.gateway.os.linux;
