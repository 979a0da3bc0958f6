/** The IKEv2 control plane (RFC 7296), sans-I/O: bytes and a time in, actions out. */
package dev.petrel.ike;
