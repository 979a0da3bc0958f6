/**
 * TUN devices: {@link dev.petrel.gateway.os.tun.TunDevice} creates one (IFF_TUN | IFF_NO_PI, optionally
 * IFF_MULTI_QUEUE) and configures it over rtnetlink; each {@link dev.petrel.gateway.os.tun.TunQueue} reads and
 * writes whole IP packets. The device is not persistent: it vanishes when its last queue is closed, so a daemon that
 * dies leaves none behind.
 */
package dev.petrel.gateway.os.tun;
