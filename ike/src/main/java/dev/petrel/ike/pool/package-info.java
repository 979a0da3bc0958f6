/**
 * Virtual IP address pools for remote-access clients (RFC 7296 §2.19, §3.15), sans-I/O: what a pool holds
 * ({@link dev.petrel.ike.pool.PoolConfig}), the leases it hands out to identities
 * ({@link dev.petrel.ike.pool.AddressPool}, thread-safe), and the Configuration payload attributes that request and
 * carry them ({@link dev.petrel.ike.pool.ConfigAttributes}).
 */
package dev.petrel.ike.pool;
